// Issue "runs that nothing can break", item 7: an empty device.files key reached the device
// volume and came back as Node's "EISDIR: illegal operation on a directory, open '/'". An empty
// device path is refused when loading.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('an empty device.files key is refused', async () => {
  const run = await runScenarioFile(`name: empty key
device:
  files:
    "": "X = 1\\n"
steps:
  - import: a
`);
  expectRefused(run, `${run.file}:4: device.files[""]: a device path may not be empty; write one, e.g. "/lib/a.py"`);
});

it('an empty install target is refused', async () => {
  const run = await runScenarioFile(`name: empty target
steps:
  - install: { spec: hello, target: "" }
`);
  expectRefused(run, `${run.file}:3: steps[0].install.target: a device path may not be empty; write one, e.g. "/lib/a.py"`);
});
