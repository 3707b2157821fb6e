import { describe, expect, it } from 'vitest';
import { UnixBackend } from '../../harness/backends/UnixBackend.ts';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { loadScenario } from '../../harness/scenario/loadScenario.ts';
import { runOne } from '../../harness/runScenarios.ts';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { NEEDS_BINARY, realBinaries } from '../unix/realBinaries.ts';

const upipBinary = (await Promise.all(realBinaries.map((b) => probeBinary(b)))).find((b) => b.installer === 'upip');
const SKIP = upipBinary ? '' : realBinaries.length === 0 ? NEEDS_BINARY : ' (skipped: no upip-era binary in MIPRIG_MICROPYTHON)';

describe('upip model vs the real v1.19.1 binary', () => {
  it.skipIf(!upipBinary)(`too-far back-reference: identical output lines and partial file${SKIP}`, async () => {
    const scenario = await loadScenario('scenarios/upip/large-window-small-heap.yaml');
    const unix = new UnixBackend(upipBinary!, { timeoutMs: 30_000 });
    const real = await runOne(scenario, unix).finally(() => unix.stop());
    const model = await runOne(scenario, new VirtualBackend());
    expect(model.observation!.output).toEqual(real.observation!.output);
    const blob = '/home/.micropython/lib/big_blob.bin';
    expect(model.observation!.files.get(blob)).toEqual(real.observation!.files.get(blob));
  });
});
