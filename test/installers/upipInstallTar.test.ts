// upip's install_tar loop (the installer's), run by inspect on a scratch device: the behaviours
// `miprig inspect` reports come from that one loop.
import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { buildSdist, buildSdistNeedingLargeWindow, packTar } from '../../src/archive/buildSdist.ts';
import { buildWheel } from '../../src/archive/buildWheel.ts';
import { runUpipTar } from '../../src/installers/inspectUpipTar.ts';
import type { FileContent } from '../../src/scenario/schema.ts';

const text = async (c: FileContent): Promise<Uint8Array> => new TextEncoder().encode(String(c));
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('upip install_tar on a scratch device (runUpipTar)', () => {
  it('extracts files, skips metadata and directory entries, returns the deps', async () => {
    const tgz = await buildSdist({ name: 'p', version: '1', files: { 'a.py': 'A', 'd/b.py': 'B' }, requires: ['q', 'r'], windowBits: 15 }, text);
    const run = runUpipTar(tgz, { windowBits: 15 });
    expect(run.ok).toBe(true);
    expect(run.written.map((w) => [w.path, w.bytes, w.complete])).toEqual([['a.py', 1, true], ['d/b.py', 1, true]]);
    expect(run.skipped).toContain('p.egg-info/requires.txt');
    expect(run.skipped).not.toContain('d/'); // a directory entry is neither skipped nor written
    expect(run.deps).toEqual(['q', 'r']);
  });

  it('a 32 KiB-window archive on a small heap leaves a partial file (whole 512-byte chunks) and OSError(22)', async () => {
    const tgz = await buildSdistNeedingLargeWindow({ name: 'micropython-big', version: '1.0', requires: ['x'] });
    const run = runUpipTar(tgz, { windowBits: 12 });
    expect(run.ok).toBe(false);
    expect(run.error?.line).toBe('OSError: [Errno 22] EINVAL');
    expect(run.failedMember).toBe('micropython-big-1.0/big_blob.bin');
    expect(run.failedAtOffset).toBeGreaterThan(4096);
    expect(run.written.find((w) => w.path === 'big_blob.bin')).toEqual({ path: 'big_blob.bin', bytes: 8192, complete: false });
    expect(run.written.find((w) => w.path === 'big.py')?.complete).toBe(true);
    expect(run.deps).toEqual([]); // install_tar raised: deps are never queued
  });

  it('a wheel fails at DecompIO construction with ValueError: compression header', () => {
    const run = runUpipTar(buildWheel({ name: 'w', version: '1', files: { 'w.py': '' } }), { windowBits: 15 });
    expect(run.error?.line).toBe('ValueError: compression header');
    expect(run.failedAtOffset).toBe(0);
    expect(run.written).toEqual([]);
  });

  it('a truncated download fails with EOFError', async () => {
    const tgz = await buildSdist({ name: 'p', version: '1', files: { 'a.py': 'x'.repeat(3000) }, truncateAt: 200 }, text);
    expect(runUpipTar(tgz, { windowBits: 12 }).error?.line).toBe('EOFError');
  });

  it('a CPython-style tar read by the pre-1.2.2 upip fails like micropython#3339', async () => {
    const tgz = await buildSdist({ name: 'p', version: '1', files: { 'a.py': 'A' }, numericTerminator: 'nul', pkgInfo: false, setupPy: false }, text);
    const run = runUpipTar(tgz, { windowBits: 15, variant: 'upip-1.2.1' });
    expect(run.error?.line).toBe("ValueError: invalid syntax for integer with base 8: '00000000001\\x00'");
    expect(run.failedMember).toBeUndefined(); // raised while reading a header
    expect(runUpipTar(tgz, { windowBits: 15 }).ok).toBe(true);
  });

  it('a member without a top directory is extracted to the install path itself', async () => {
    const tgz = pako.gzip(await packTar([{ name: 'flat.py', data: new Uint8Array(3) }]));
    const run = runUpipTar(tgz, { windowBits: 15 });
    // Not skipped; whatever opening the prefix for writing does is the device's answer.
    expect(run.skipped).toEqual([]);
    expect(run.written.filter((w) => w.path !== '')).toEqual([]);
  });

  it('a file whose path crosses an earlier file raises ENOTDIR and queues no deps', async () => {
    const tgz = pako.gzip(
      await packTar([
        { name: 'p-1/p.egg-info/requires.txt', data: bytes('q\n') },
        { name: 'p-1/a', data: bytes('file') },
        { name: 'p-1/a/b.py', data: bytes('B') },
      ]),
    );
    const run = runUpipTar(tgz, { windowBits: 15 });
    expect(run.error?.line).toBe('OSError: [Errno 20] ENOTDIR');
    expect(run.failedMember).toBe('p-1/a/b.py');
    expect(run.written).toEqual([{ path: 'a', bytes: 4, complete: true }]);
    expect(run.deps).toEqual([]);
  });

  it('invalid UTF-8 in requires.txt is the UnicodeError install() reports', async () => {
    const tgz = pako.gzip(await packTar([{ name: 'p-1/p.egg-info/requires.txt', data: new Uint8Array([0x71, 0xff, 0x0a]) }]));
    expect(runUpipTar(tgz, { windowBits: 15 }).error?.line).toBe('UnicodeError');
  });
});
