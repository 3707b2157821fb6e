// Issue "runs that nothing can break", item 7: a `..` in a device path the scenario names was
// silently normalised (`device.files: { /lib/../a.py: … }` wrote /a.py), and on the unix backend a
// path is mapped into the run root, where `..` is resolved differently. It is refused, naming the
// file, line, field and value, with the path it means.
import { expect, it } from 'vitest';
import { expectRefused, runScenarioFile } from '../support/refusedScenario.ts';

it('a ".." in a device.files key is refused with the path it means', async () => {
  const run = await runScenarioFile(`name: dotdot key
device:
  port: esp32
  version: 1.22.2
  files:
    /lib/a.py: "A = 1\\n"
    /lib/../a.py: "X = 1\\n"
steps:
  - import: a
`);
  expectRefused(run, `${run.file}:7: device.files["/lib/../a.py"]: a device path may not contain '..'; write the path it means, e.g. "/a.py"`);
});

it.each([
  ['an install target', 'steps:\n  - install: { spec: hello, target: lib/../x }\n', 'steps[0].install.target', 'lib/../x', '"x"'],
  ['a mount point', 'device:\n  mounts: [{ path: /rom/.., kind: rom }]\nsteps:\n  - import: os\n', 'device.mounts[0].path', '/rom/..', '"/"'],
  ['an absent entry', 'steps:\n  - import: os\nexpect:\n  absent: [/home/../lib/x.py]\n', 'expect.absent[0]', '/home/../lib/x.py', '"/lib/x.py"'],
])('a ".." in %s is refused, quoting the value', async (_what, body, field, value, meant) => {
  const run = await runScenarioFile(`name: dotdot value\n${body}`);
  const line = body.split('\n').findIndex((l) => l.includes(value)) + 2;
  expectRefused(run, `${run.file}:${line}: ${field}: a device path may not contain '..', got ${JSON.stringify(value)}; write the path it means, e.g. ${meant}`);
});

it('a ".." that a package writes is not a scenario path: it still runs, as a path-escape finding', async () => {
  const run = await runScenarioFile(`name: escape by the installer
device: { port: unix, version: 1.27.0 }
world:
  github:
    evil/pkg:
      refs:
        main:
          package.json: { json: { urls: [["../../../../../../x.py", "github:evil/pkg/x.py"]] } }
          x.py: "X = 1\\n"
steps:
  - install: { installer: mip-cmdline, spec: github:evil/pkg }
expect:
  findings: [path-escape]
  outcome: done
`);
  expect(run.stdout).toContain('1 passed, 0 failed');
  expect(run.exitCode).toBe(0);
});
