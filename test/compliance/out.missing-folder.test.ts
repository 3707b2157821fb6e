// Issue "runs that nothing can break", item 9: `--out` into a missing folder failed only after the
// whole run. It is checked first: exit 2, one line, no scenario runs.
import { expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';

it('--out into a folder that does not exist is a usage error before anything runs', async () => {
  const { result, stdout, stderr } = await captureOutput(() => main(['run', 'scenarios', '--reporter', 'json', '--out', '/no/such/folder/report.json']));
  expect(result).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toBe('miprig: --out /no/such/folder/report.json: the folder /no/such/folder does not exist or is not writable; create it first\n');
});
