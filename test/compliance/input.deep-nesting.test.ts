// Issue "runs that nothing can break", item 8: a file nested thousands of levels deep stopped with
// "not valid YAML: Maximum call stack size exceeded". Nesting is limited (100 levels,
// harness/scenario/inputLimits.ts), checked before the document is built, with the line where the
// limit is passed.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

const TOO_DEEP =
  "nested more than 100 levels deep (mappings and lists inside each other); write a deeper body (e.g. JSON that tests a parser's recursion limit) as text";

it('flow collections nested 100 000 deep are refused in one line', async () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const run = await runScenarioFile(`name: deep\nsteps:\n  - import: os\ndevice:\n  files:\n    /a.json: { json: ${deep} }\n`);
  expectRefused(run, `${run.file}:6: ${TOO_DEEP}`);
});

it('block mappings nested past the limit are refused at the line that passes it', async () => {
  const lines = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i + 1)}k:`);
  const run = await runScenarioFile(`name: deep\nsteps:\n  - import: os\nx:\n${lines.join('\n')} 1\n`);
  // Level 1 is the top mapping, level 2 starts at line 5 ("k:" under x); level 101 is 99 lines on.
  expectRefused(run, `${run.file}:104: ${TOO_DEEP}`);
});

it('nesting made deep by aliases (each anchor within the limit) is refused at the alias', async () => {
  const a = `${'['.repeat(60)}1${']'.repeat(60)}`;
  const b = `${'['.repeat(60)}*a${']'.repeat(60)}`;
  const run = await runScenarioFile(`name: deep by alias\nsteps:\n  - import: os\na: &a ${a}\nb: &b ${b}\n`);
  expectRefused(run, `${run.file}:5: b[0][0][0][0][0]…: ${TOO_DEEP}`);
});
