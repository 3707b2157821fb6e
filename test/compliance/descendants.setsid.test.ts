// Issue "runs that nothing can break", items 4–5: a process the binary leaves behind in a new
// session (setsid) held the run (a 3 s timeout waited 19 s and more) and outlived it. Every
// process of a step loads the LD_PRELOAD shim and says so; the step kills them all when it ends.
import { performance } from 'node:perf_hooks';
import { afterEach, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { allBinaries, NEEDS_ANY_BINARY } from '../support/realBinaries.ts';
import { tempFiles } from '../support/tempScenarios.ts';
import { processesMatching } from '../support/leftovers.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());
const binary = allBinaries[0];

it.skipIf(!binary)(`a detached grandchild neither holds the run nor outlives it${NEEDS_ANY_BINARY}`, async () => {
  const t = await tempFiles({
    'spawner.yaml': `name: spawner
device:
  port: unix
  version: "${binary!.version}"
  sysPath: ['', .frozen, /lib]
  files:
    /lib/spawner.py: "import os\\nos.system('/usr/bin/setsid /bin/sleep 4242 & /bin/sleep 0.3')\\n"
world: {}
steps: [{ import: spawner }]
expect: { imports: { spawner: /lib/spawner.py } }
`,
  });
  cleanup = t.cleanup;
  const started = performance.now();
  const { result } = await captureOutput(() => main(['run', t.root, '--backend', 'unix', '--micropython', binary!.path, '--timeout', '3000']));
  expect(result).toBe(0);
  expect(performance.now() - started).toBeLessThan(8000);
  await new Promise((r) => setTimeout(r, 100));
  expect(processesMatching('sleep 4242')).toEqual([]);
});
