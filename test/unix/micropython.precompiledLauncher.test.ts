// The launcher precompiled with the binary's own mpy-cross is an optimisation only: every binary
// must observe exactly what it observes with the launcher compiled from source, and a
// heap-limited run must keep the source form its heap model was calibrated with.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../harness/observation/Observation.ts';
import { UnixBackend } from '../../harness/backends/UnixBackend.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { mpyCrossCandidates, precompileLauncher } from '../../harness/unix/precompiledLauncher.ts';
import { allBinaries } from '../support/realBinaries.ts';

const withMpyCross = allBinaries.filter((b) => mpyCrossCandidates(b.path).some((c) => existsSync(c)));
const NOTE = withMpyCross.length ? '' : ' (skipped: needs MIPRIG_MICROPYTHON with a binary that has mpy-cross beside it or in its source tree)';

/** An install (for binaries freezing mip), then a local, a frozen and a missing import. */
function scenarioFor(version: string, installer: 'mip' | 'upip' | null, heap?: string): string {
  return `name: same either way
device:
  port: unix
  version: ${version}
${heap ? `  heap: ${heap}\n` : ''}  files:
    /local.py: "X = 1\\n"
world:
  index:
    packages:
      hello: { versions: { "1.0": { files: { hello.py: "X = 1\\n" } } } }
steps:
${installer === 'mip' ? '  - install: { installer: mip-cmdline, spec: hello }\n' : ''}  - import: [local, ${installer ?? 'sys'}, no_such_module]
`;
}

const comparable = (o: Observation) => ({
  files: [...o.files.keys()],
  requests: o.requests.map((r) => `${r.method} ${r.url} ${r.status}`),
  output: o.output,
  outcome: o.outcome,
  exitCode: o.exitCode,
  imports: o.imports,
  findings: o.findings,
});

describe.skipIf(!withMpyCross.length)(`the precompiled launcher observes what the source launcher does${NOTE}`, () => {
  it.each(withMpyCross.length ? withMpyCross : [undefined])('%s', async (info) => {
    const form = await precompileLauncher(info!, {});
    expect(form.kind).toBe('precompiled');
    const scenario = parseScenario(scenarioFor(info!.version, info!.installer), 'same.yaml');
    const precompiled = new UnixBackend(info!, { timeoutMs: 30_000 });
    const source = new UnixBackend(info!, { timeoutMs: 30_000, mpyCross: 'off' });
    try {
      const a = await precompiled.run(scenario);
      const b = await source.run(scenario);
      expect(a.launcher).toMatch(/^precompiled by .*mpy-cross \(MicroPython v/);
      expect(b.launcher).toBe('compiled by the binary on each run (MIPRIG_MPY_CROSS=off)');
      expect(a.imports['local']).toBe('/local.py');
      expect(comparable(a)).toEqual(comparable(b));

      const limited = await precompiled.run(parseScenario(scenarioFor(info!.version, info!.installer, '256K'), 'heap.yaml'));
      expect(limited.launcher).toMatch(/^compiled by the binary on each run \(device\.heap is set/);
    } finally {
      await precompiled.stop();
      await source.stop();
    }
  }, 30_000);
});
