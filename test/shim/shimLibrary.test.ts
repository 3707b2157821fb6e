// The shim is compiled on first use with the system C compiler and cached; without a compiler
// the unix backend falls back to the launcher, and says why.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { shimLibrary } from '../../harness/unix/shim/shimLibrary.ts';

const cache = mkdtempSync(join(tmpdir(), 'miprig-shimcache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));
const hasCc = spawnSync('cc', ['--version']).status === 0;

describe('the LD_PRELOAD shim library', () => {
  it.skipIf(!hasCc)(`is built once into the cache folder and reused${hasCc ? '' : ' (skipped: no cc on this machine)'}`, async () => {
    const first = await shimLibrary(64, { MIPRIG_CACHE_DIR: cache, PATH: process.env['PATH'] ?? '' });
    expect(first.kind).toBe('shim');
    if (first.kind !== 'shim') return;
    expect(first.path.startsWith(join(cache, 'shim'))).toBe(true);
    expect(existsSync(first.path)).toBe(true);
    const again = await shimLibrary(64, { MIPRIG_CACHE_DIR: cache, PATH: process.env['PATH'] ?? '' });
    expect(again).toEqual(first);
  });

  it('without a compiler it is unavailable, with a reason that says what to do', async () => {
    const r = await shimLibrary(64, { MIPRIG_CACHE_DIR: join(cache, 'other'), CC: '/no/such/cc', PATH: '' });
    expect(r).toEqual({ kind: 'unavailable', reason: expect.stringMatching(/^no LD_PRELOAD shim \(\/no\/such\/cc was not found\); install a C compiler or set CC$/) });
  });
});
