// Every shipped scenario's expectations, checked on the virtual device (at the scenario's own
// version). Which of them a real binary also checks is in each test's name: the unix suite
// (shipped-scenarios.unix.test.ts) runs a scenario on the binaries given in MIPRIG_MICROPYTHON
// that can run it — mip scenarios on 1.20.0 and later, upip scenarios on 1.19.1 — and never runs
// micropip (CPython) or cross-install (copy) scenarios. Expectations for versions no binary was
// built for here (mip 0.4.1 on 1.25/1.26, mip 0.5.0 on master) are the model's reading of that
// source, not a recording.
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { runOne } from '../../harness/runScenarios.ts';
import type { LoadedScenario } from '../../harness/scenario/loadScenario.ts';
import { normaliseInstall } from '../../src/installers/installArgv.ts';
import { vmModuleBodies } from '../../harness/vm/vmModuleBodies.ts';

/** Which real binaries can check a scenario (the unix backend's own skip rules, in words). */
function checkedBy(scenario: LoadedScenario): string {
  const steps = scenario.spec.steps;
  if (steps.some((s) => 'copy' in s)) return 'model only: copy steps run on the virtual device';
  const installers = steps.flatMap((s) => ('install' in s ? [normaliseInstall(s.install).installer] : []));
  if (installers.includes('micropip')) return 'model only: micropip runs on CPython';
  if (installers.some((i) => i.startsWith('upip'))) return 'also on unix 1.19.1 binaries';
  if (installers.length) return 'also on unix ≥1.20 binaries';
  return 'also on every unix binary';
}

const scenarios = await loadAll(['scenarios']);
// As the CLI does: module bodies the model cannot know run on a MicroPython VM (installed by npm ci).
const bodies = vmModuleBodies();
const backend = new VirtualBackend(undefined, undefined, bodies);
afterAll(() => backend.stop());

describe('shipped scenarios on the virtual device', () => {
  it('there are at least 15 of them', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
  });

  for (const scenario of scenarios) {
    const needsBodies = scenario.spec.tags.includes('module-bodies') && !bodies;
    it.skipIf(needsBodies)(`${scenario.spec.name} (${scenario.file}; ${checkedBy(scenario)})${needsBodies ? ' (skipped: its module bodies need a MicroPython VM; npm ci installs micropython-vm-*)' : ''}`, async () => {
      const { result } = await runOne(scenario, backend);
      const failed = result.checks.filter((c) => !c.pass).map((c) => ({ name: c.name, expected: c.expected, actual: c.actual }));
      expect({ status: result.status, reason: result.reason, failed }).toEqual({ status: 'pass', reason: '', failed: [] });
    });
  }
});
