// Issue "runs that nothing can break", item 8: a scenario file of any size was read whole into
// memory. Files over 8 MiB (harness/scenario/inputLimits.ts, documented in the README) are refused
// before they are read.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('a file over 8 MiB is refused with its size and the limit', async () => {
  const head = 'name: big\nsteps:\n  - import: os\n';
  const size = 8 * 1024 * 1024 + 1;
  const run = await runScenarioFile(head + '#'.repeat(size - head.length - 1) + '\n');
  expectRefused(
    run,
    `${run.file}: the file is 8.0 MiB (8388609 bytes), over the 8 MiB limit for a scenario file; describe large content instead of pasting it ({repeat: …}, {random: …}, {gzip: …})`,
  );
});
