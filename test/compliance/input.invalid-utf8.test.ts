// Issue "runs that nothing can break", item 8: a scenario file that is not UTF-8 (saved as
// Latin-1) was decoded with U+FFFD in place of the bad byte, which then passed unnoticed in a name
// or turned into a misleading schema error elsewhere. It is refused with the byte and its offset.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('a file that is not UTF-8 is refused, naming the first bad byte and its offset', async () => {
  // "café" in Latin-1: 0xe9 is not UTF-8 on its own.
  const latin1 = Buffer.from('name: test\nsteps:\n  - import: caf\xe9\n', 'latin1');
  const run = await runScenarioFile(latin1);
  expectRefused(run, `${run.file}:3: the file is not UTF-8 text (byte 0xe9 at offset 33); save it as UTF-8`);
});
