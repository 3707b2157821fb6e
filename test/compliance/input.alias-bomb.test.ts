// Issue "runs that nothing can break", item 8: a YAML alias bomb ("billion laughs": each level
// lists the previous one ten times) stopped in the yaml package with "internal error: Excessive
// alias count indicates a resource exhaustion attack", naming no file. Alias expansion is capped
// (harness/scenario/inputLimits.ts) and going over it is a bad scenario file.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('an alias bomb is refused in one line naming the file', async () => {
  const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++) {
    const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
  }
  const run = await runScenarioFile(`name: laughs\nsteps:\n  - import: os\n${levels.join('\n')}\n`);
  expectRefused(
    run,
    `${run.file}: YAML aliases expand more than 100 times (each counted by the aliases inside it); an alias bomb? write the repeated part out, or describe large content ({repeat: …})`,
  );
});
