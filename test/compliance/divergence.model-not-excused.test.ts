// Issue "One step interpreter…": `divergences` excuse real binaries only. A wrong expectation
// with a divergence named for it still fails on the model, whatever the model backend is named
// (`virtual`, or `virtual@1.27.0` beside a binary).
import { describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { UnixBackend } from '../../harness/backends/UnixBackend.ts';
import { runOne } from '../../harness/runScenarios.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { binaryFor, skipNote } from '../support/realBinaries.ts';

const WRONG = parseScenario(
  `name: wrong output, excused as a divergence
device: { port: unix, version: 1.27.0 }
steps:
  - import: sys
expect:
  output: { mode: exact, lines: [something the binary never prints] }
divergences:
  - checks: [output]
    reason: the binary prints nothing here
`,
  'wrong.yaml',
);

describe('a divergence never excuses the model', () => {
  for (const backend of [new VirtualBackend(), new VirtualBackend('1.27.0')]) {
    it(`${backend.name} fails the output check`, async () => {
      const { result } = await runOne(WRONG, backend);
      expect(result.status).toBe('fail');
      expect(result.checks.find((c) => c.name === 'output')).toMatchObject({ pass: false });
      expect(result.checks.find((c) => c.name === 'output')?.knownDivergence).toBeUndefined();
    });
  }

  const bin = binaryFor('1.27.0');
  it.skipIf(!bin)(`a real binary's failure is excused, with the reason${skipNote('1.27.0')}`, async () => {
    const unix = new UnixBackend(bin!, { timeoutMs: 30_000 });
    try {
      const { result } = await runOne(WRONG, unix);
      expect(result.status).toBe('pass');
      expect(result.checks.find((c) => c.name === 'output')?.knownDivergence).toBe('the binary prints nothing here');
    } finally {
      await unix.stop();
    }
  });
});
