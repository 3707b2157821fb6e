// Issue "runs that nothing can break", item 8: an alias inside its own anchor (`&s [{ import: *s }]`)
// made a value that contains itself; the run ended in "internal error: Converting circular
// structure to JSON". It is refused, naming the field where the alias closes the circle.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('an alias that contains itself is refused, naming where', async () => {
  const run = await runScenarioFile('name: circle\nsteps: &s\n  - import: *s\n');
  expectRefused(run, `${run.file}:3: steps[0].import: an alias here refers to a mapping or list that contains it, so the value never ends; write the value out`);
});
