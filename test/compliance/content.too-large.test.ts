// Issue "runs that nothing can break", item 7: `{random: {size: 2000000000}}` ran with 8.9 GB of
// RSS. Generated content has a limit (64 MiB per file): one line naming the file and the field.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('a generated file over 64 MiB is refused when loading, before anything is generated', async () => {
  const run = await runScenarioFile(`name: huge random
device:
  files:
    /lib/blob.bin: { random: { size: 2000000000 } }
steps:
  - import: blob
`);
  expectRefused(
    run,
    `${run.file}:4: device.files["/lib/blob.bin"].random.size: over the 64 MiB limit for one generated file (no installer test needs more), got 2000000000`,
  );
});

it('text repeated past 64 MiB is refused the same way', async () => {
  const run = await runScenarioFile(`name: huge repeat
device:
  files:
    /lib/big.py: { repeat: { text: "0123456789", times: 100000000 } }
steps:
  - import: big
`);
  expectRefused(
    run,
    `${run.file}:4: device.files["/lib/big.py"].repeat: text × times is over the 64 MiB limit for one generated file (no installer test needs more), got {"text":"0123456789","times":100000000}`,
  );
});
