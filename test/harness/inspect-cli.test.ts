// `miprig inspect` is what a package author runs before publishing: its exit status says whether
// a small board's upip (4 KiB window) can install the archive.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { buildSdist } from '../../src/archive/buildSdist.ts';
import { repeatedBlockBytes } from '../../src/archive/gzipWithWindow.ts';
import { materialize } from '../../src/content/materialize.ts';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { tempFiles } from '../support/tempScenarios.ts';

// 40 KiB of one random 8 KiB block repeated: every back-reference is 8192 bytes away.
const far = Buffer.from(repeatedBlockBytes(8192, 40960, 1)).toString('base64');

async function sdist(windowBits: number, truncateAt?: number): Promise<Uint8Array> {
  return buildSdist(
    {
      name: 'demo', version: '1.0', files: { 'demo.py': 'X = 1\n', 'blob.bin': { base64: far } }, requires: ['micropython-logging'],
      setupPy: true, pkgInfo: true, readme: false, windowBits, numericTerminator: 'space', ...(truncateAt ? { truncateAt } : {}),
    },
    materialize,
  );
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('miprig inspect', () => {
  it('exits 0 for an sdist made with a 4 KiB window and lists what upip skips', async () => {
    const t = await tempFiles({});
    cleanup = t.cleanup;
    await writeFile(t.path('a.tar.gz'), await sdist(12));
    const { result, stdout } = await captureOutput(() => main(['inspect', t.path('a.tar.gz'), '--heap', '48K']));
    expect(result).toBe(0);
    expect(stdout).toMatch(/window needed: 4096 bytes/);
    expect(stdout).toMatch(/skip\s+demo-1\.0\/setup\.py/);
    expect(stdout).toMatch(/extract demo-1\.0\/demo\.py/);
    expect(stdout).toContain('deps: micropython-logging');
  });

  it('exits 1 for a CPython-default (32 KiB window) sdist and names the failure upip would hit', async () => {
    const t = await tempFiles({});
    cleanup = t.cleanup;
    await writeFile(t.path('b.tar.gz'), await sdist(15));
    const { result, stdout } = await captureOutput(() => main(['inspect', t.path('b.tar.gz')]));
    expect(result).toBe(1);
    expect(stdout).toContain('window needed: 8192 bytes');
    expect(stdout).toContain('OSError: [Errno 22] EINVAL');
  });

  it('exits 1 when the heap cannot hold the window upip picks', async () => {
    const t = await tempFiles({});
    cleanup = t.cleanup;
    await writeFile(t.path('a.tar.gz'), await sdist(12));
    // A 5K heap: upip picks the 4 KiB window, but 4096 bytes + uzlib's state do not fit.
    const tiny = await captureOutput(() => main(['inspect', t.path('a.tar.gz'), '--heap', '5K']));
    expect(tiny.result).toBe(1);
    expect(tiny.stdout).toContain('does not fit: MemoryError');
    const roomy = await captureOutput(() => main(['inspect', t.path('a.tar.gz'), '--heap', '16K']));
    expect(roomy.result).toBe(0);
  });

  it('exits 2 with one line for a file that is not gzip', async () => {
    const t = await tempFiles({ 'x.txt': 'hello\n' });
    cleanup = t.cleanup;
    const { result, stderr } = await captureOutput(() => main(['inspect', t.path('x.txt')]));
    expect(result).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('not a gzip file');
  });

  it('exits 2 for a truncated archive, saying so', async () => {
    const t = await tempFiles({});
    cleanup = t.cleanup;
    await writeFile(t.path('c.tar.gz'), await sdist(12, 2000));
    const { result, stderr } = await captureOutput(() => main(['inspect', t.path('c.tar.gz')]));
    expect(result).toBe(2);
    expect(stderr).toMatch(/truncat/i);
  });

  it('exits 2 for a missing file', async () => {
    const { result, stderr } = await captureOutput(() => main(['inspect', '/no/such.tar.gz']));
    expect(result).toBe(2);
    expect(stderr).toContain('cannot read /no/such.tar.gz (ENOENT)');
  });
});
