// Issue "runs that nothing can break", item 7: an expected path is compared with the device's file
// list as written, so `absent: [/flash/lib/pkg/]` (a trailing "/") never matched and its check
// passed whatever the device held. Expected paths are refused unless written as listed.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('an absent entry with a trailing "/" is refused with the path to write', async () => {
  const run = await runScenarioFile(`name: trailing slash
steps:
  - import: os
expect:
  absent: [/flash/lib/pkg/]
`);
  expectRefused(
    run,
    `${run.file}:5: expect.absent[0]: an expected path is compared with the device's files as they are listed (no '//', '.' or trailing '/'), got "/flash/lib/pkg/"; write "/flash/lib/pkg"`,
  );
});

it('an expect.files key with "//" is refused', async () => {
  const run = await runScenarioFile(`name: double slash
steps:
  - import: os
expect:
  files: { tree: { //lib/a.py: true } }
`);
  expectRefused(
    run,
    `${run.file}:5: expect.files.tree["//lib/a.py"]: an expected path is compared with the device's files as they are listed (no '//', '.' or trailing '/'); write "/lib/a.py"`,
  );
});
