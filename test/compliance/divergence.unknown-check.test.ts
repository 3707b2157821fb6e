// A divergence names checks by their names; a misspelt one would silently excuse nothing.
import { expect, it } from 'vitest';
import { ScenarioError } from '../../harness/scenario/ScenarioError.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';

it('a divergence naming a check that does not exist is one clear error naming the file', () => {
  const load = () =>
    parseScenario(
      'name: typo\nsteps:\n  - import: sys\ndivergences:\n  - checks: [outputs]\n    reason: r\n',
      'scenarios/typo.yaml',
    );
  expect(load).toThrow(ScenarioError);
  expect(load).toThrow(/scenarios\/typo\.yaml.*divergences\[0\]\.checks\[0\].*outputs/s);
});
