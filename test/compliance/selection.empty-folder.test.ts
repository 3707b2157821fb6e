// Issue "runs that nothing can break", item 9: an empty folder printed `0 passed, 0 failed` and
// exited 0. It is now exit 1 with a line naming the folder.
import { afterEach, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { tempFiles } from '../support/tempScenarios.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

it('a folder without scenario files exits 1, naming the folder', async () => {
  const t = await tempFiles({ 'notes.txt': 'not a scenario' });
  cleanup = t.cleanup;
  const { result, stderr } = await captureOutput(() => main(['run', t.root]));
  expect(result).toBe(1);
  expect(stderr).toBe(`miprig: no scenario files in ${t.root} (looked for *.yaml and *.yml)\n`);
});
