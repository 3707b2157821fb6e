// Issue "runs that nothing can break", item 7: device path checks must not break a mount's
// `files` keys, which may be relative to the mount point (scenarios/mip/target-skips-rom-lib.yaml
// writes `lib/placeholder.py` under /rom).
import { expect, it } from 'vitest';
import { runScenarioFile } from '../support/refusedScenario.ts';

it('a relative key in a mount\'s files lands under the mount point', async () => {
  const run = await runScenarioFile(`name: mount-relative files
device:
  port: esp32
  version: 1.22.2
  sysPath: ['', /flash/lib]
  mounts:
    - { path: /flash, kind: lfs, files: { lib/m.py: "M = 1\\n" } }
steps:
  - import: m
expect:
  imports: { m: /flash/lib/m.py }
`);
  expect(run.stdout).toContain('1 passed, 0 failed');
  expect(run.exitCode).toBe(0);
});
