// Shards balance by expected cost: a pure estimate from the scenario and the kind of backend.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { expectedCost } from '../../harness/shard/expectedCost.ts';

const scenario = (steps: string, extra = ''): ReturnType<typeof parseScenario> =>
  parseScenario(`name: s\ndevice: { port: unix, version: 1.22.2 }\n${extra}steps:\n${steps}`, 's.yaml');

const INSTALL = scenario('  - install: hello\n');
const IMPORT = scenario('  - import: os\n');

describe('expectedCost', () => {
  it('is a whole number, the same every time for the same scenario and kind', () => {
    for (const kind of ['model', 'vm', 'real'] as const) {
      const c = expectedCost(INSTALL, kind);
      expect(Number.isInteger(c)).toBe(true);
      expect(c).toBeGreaterThan(0);
      expect(expectedCost(scenario('  - install: hello\n'), kind)).toBe(c);
    }
  });

  it('costs an install step more than an import step, and each step adds to the cost', () => {
    expect(expectedCost(INSTALL, 'model')).toBeGreaterThan(expectedCost(IMPORT, 'model'));
    expect(expectedCost(scenario('  - install: hello\n  - import: hello\n'), 'model')).toBeGreaterThan(expectedCost(INSTALL, 'model'));
    expect(expectedCost(scenario('  - install: { installer: mip, spec: [a, b, c] }\n'), 'model')).toBeGreaterThan(expectedCost(INSTALL, 'model'));
  });

  it('costs a real binary or the VM 10–50× a model run', () => {
    for (const s of [INSTALL, IMPORT]) {
      const model = expectedCost(s, 'model');
      for (const kind of ['vm', 'real'] as const) {
        const ratio = expectedCost(s, kind) / model;
        expect(ratio).toBeGreaterThanOrEqual(10);
        expect(ratio).toBeLessThanOrEqual(50);
      }
    }
    expect(expectedCost(INSTALL, 'real')).toBeGreaterThan(expectedCost(INSTALL, 'vm'));
  });

  it('costs next to nothing for a pair the backend skips', () => {
    const skipped = expectedCost(INSTALL, 'real', 'micropip runs on CPython');
    expect(skipped).toBeGreaterThan(0); // still a result to write
    expect(skipped).toBeLessThan(expectedCost(IMPORT, 'model'));
    expect(expectedCost(INSTALL, 'real', '')).toBe(expectedCost(INSTALL, 'real')); // no reason, no skip
  });

  it('adds the step timeout on a real binary or the VM when the server never closes, not on the model', () => {
    const hang = scenario(
      '  - install: { installer: mip-cmdline, spec: "https://example.com/x.py" }\n',
      'timeoutMs: 3000\nworld:\n  http: { "https://example.com/x.py": "X = 1\\n" }\n  faults: [{ on: { url: "https://example.com/x.py" }, neverClose: true }]\n',
    );
    const plain = scenario('  - install: { installer: mip-cmdline, spec: "https://example.com/x.py" }\n', 'world:\n  http: { "https://example.com/x.py": "X = 1\\n" }\n');
    expect(expectedCost(hang, 'real') - expectedCost(plain, 'real')).toBe(3000);
    expect(expectedCost(hang, 'vm') - expectedCost(plain, 'vm')).toBe(3000);
    expect(expectedCost(hang, 'model')).toBe(expectedCost(plain, 'model'));
  });
});
