// Issue "runs that nothing can break", item 7: a NUL character in a device path reached Node's fs
// and came back as its raw error ("The argument 'path' must be a string, Uint8Array, or URL
// without null bytes"), as a scenario error without a field. It is refused when loading.
import { it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('a NUL in a device.files key is refused, naming the key', async () => {
  const run = await runScenarioFile(`name: nul key
device:
  files:
    "/lib/a\\0.py": "X = 1\\n"
steps:
  - import: a
`);
  expectRefused(run, `${run.file}:4: device.files["/lib/a\\u0000.py"]: a device path may not contain a NUL character (\\0); write the path without it, e.g. "/lib/a.py"`);
});

it('a NUL in decompress.file is refused, quoting the value', async () => {
  const run = await runScenarioFile(`name: nul value
device:
  files:
    /data.gz: { gzip: { content: "x" } }
steps:
  - decompress: { file: "/data.gz\\0" }
`);
  expectRefused(run, `${run.file}:6: steps[0].decompress.file: a device path may not contain a NUL character (\\0), got "/data.gz\\u0000"; write the path without it, e.g. "/data.gz"`);
});
