// Issue "runs that nothing can break", item 7: a device.files key or an expected path without a
// leading "/" was taken from the root by one part of the rig and compared as written by another
// (a relative `absent` entry could never be present, so its check always passed). Where a path
// names a place from the root it must be written absolute.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('a relative device.files key is refused with the absolute path to write', async () => {
  const run = await runScenarioFile(`name: relative key
device:
  files:
    lib/a.py: "X = 1\\n"
steps:
  - import: a
`);
  expectRefused(run, `${run.file}:4: device.files["lib/a.py"]: a device path here must be absolute (start with '/'); write "/lib/a.py"`);
});

it('a relative absent entry is refused', async () => {
  const run = await runScenarioFile(`name: relative absent
steps:
  - import: os
expect:
  absent: [lib/x.py]
`);
  expectRefused(run, `${run.file}:5: expect.absent[0]: a device path here must be absolute (start with '/'), got "lib/x.py"; write "/lib/x.py"`);
});
