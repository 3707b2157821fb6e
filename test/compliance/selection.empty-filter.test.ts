// Issue "runs that nothing can break", item 9: a filter matching nothing printed
// `0 passed, 0 failed` and exited 0. Like vitest with no test files, it is now exit 1 and a line.
import { expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';

it('a --filter that selects no scenario exits 1, naming the filter and what was loaded', async () => {
  const { result, stdout, stderr } = await captureOutput(() => main(['run', 'scenarios/mip', '--filter', 'no-such-scenario']));
  expect(result).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toMatch(/^miprig: no scenario matches --filter "no-such-scenario" \(\d+ loaded from scenarios\/mip\)\n$/);
});
