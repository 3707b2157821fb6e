// Every shipped scenario states what the real binaries do (recorded and checked on unix
// 1.20.0–1.27.0, see the README); the virtual device must agree with each of them.
import { describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { runOne } from '../../harness/runScenarios.ts';

const scenarios = await loadAll(['scenarios']);
const backend = new VirtualBackend();

describe('shipped scenarios on the virtual device', () => {
  it('there are at least 15 of them', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
  });

  for (const scenario of scenarios) {
    it(`${scenario.spec.name} (${scenario.file})`, async () => {
      const { result } = await runOne(scenario, backend);
      const failed = result.checks.filter((c) => !c.pass).map((c) => ({ name: c.name, expected: c.expected, actual: c.actual }));
      expect({ status: result.status, reason: result.reason, failed }).toEqual({ status: 'pass', reason: '', failed: [] });
    });
  }
});
