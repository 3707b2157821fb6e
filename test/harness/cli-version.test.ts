import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';

it('--version prints the version of package.json and exits 0', async () => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const { result, stdout } = await captureOutput(() => main(['--version']));
  expect(result).toBe(0);
  expect(stdout).toBe(`${version}\n`);
});
