// Issue "runs that nothing can break", item 10: the README described `world.index` as
// "package → versions → files", so a package went directly under `index`; the error said only
// `world.index: unknown field "hello"`. It now says where packages go.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('a package directly under world.index is pointed to world.index.packages', async () => {
  const run = await runScenarioFile(`name: index shape
world:
  index:
    hello: { versions: { "1.0": { files: { hello.py: "X = 1\\n" } } } }
steps:
  - install: hello
`);
  expectRefused(run, `${run.file}:4: world.index.hello: unknown field; packages go under world.index.packages (index: { packages: { hello: … } })`);
});

it('a misspelt index field still gets the spelling message', async () => {
  const run = await runScenarioFile(`name: index typo
world:
  index:
    urll: https://example.com/pi
steps:
  - install: hello
`);
  expectRefused(run, `${run.file}:4: world.index: unknown field "urll" (fields are strict: check the spelling)`);
});
