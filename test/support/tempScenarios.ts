import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Materialise an inline file map in a fresh temp folder (vitest style); `cleanup()` removes it.
 *
 * @example
 * const dir = await tempFiles({ 'a.yaml': 'name: a\nsteps: [{ import: os }]\n' });
 */
export async function tempFiles(files: Record<string, string>): Promise<{ root: string; path: (p: string) => string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'miprig-test-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return { root, path: (p) => join(root, p), cleanup: () => rm(root, { recursive: true, force: true }) };
}
