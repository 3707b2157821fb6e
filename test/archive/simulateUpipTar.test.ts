import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { buildSdist, buildSdistNeedingLargeWindow, packTar } from '../../src/archive/buildSdist.ts';
import { buildWheel } from '../../src/archive/buildWheel.ts';
import { simulateUpipTar } from '../../src/archive/simulateUpipTar.ts';
import { upipDepsFromRequires, upipSkips, upipStripTopDir } from '../../src/archive/upipTarRules.ts';
import type { FileContent } from '../../src/scenario/schema.ts';

const text = async (c: FileContent): Promise<Uint8Array> => new TextEncoder().encode(String(c));

describe('upip install_tar rules', () => {
  it('strips the top directory, skips metadata, parses requires.txt', () => {
    expect(upipStripTopDir('p-1/a/b.py')).toBe('a/b.py');
    expect(upipStripTopDir('nodir')).toBe('');
    expect(['setup.py', 'setup.cfg', 'PKG-INFO', 'README.rst', 'p.egg-info/x', 'x/.egg-info'].every(upipSkips)).toBe(true);
    expect(['a.py', 'docs/README', 'setuptools.py'].some(upipSkips)).toBe(false);
    expect(upipDepsFromRequires(new TextEncoder().encode('a\n\n[x]\nb==1\n\n'))).toEqual(['a', '', '[x]', 'b==1']);
    expect(upipDepsFromRequires(new TextEncoder().encode(' \n'))).toEqual([]);
  });
});

describe('simulateUpipTar', () => {
  it('extracts files, skips metadata, queues deps', async () => {
    const tgz = await buildSdist({ name: 'p', version: '1', files: { 'a.py': 'A', 'd/b.py': 'B' }, requires: ['q', 'r'], windowBits: 15 }, text);
    const o = simulateUpipTar(tgz, { windowBits: 15 });
    expect(o.ok).toBe(true);
    expect(o.written.map((w) => [w.path, w.bytes, w.complete])).toEqual([['a.py', 1, true], ['d/b.py', 1, true]]);
    expect(o.directories).toEqual(['', 'd/']);
    expect(o.skipped).toContain('p.egg-info/requires.txt');
    expect(o.deps).toEqual(['q', 'r']);
  });

  it('a 32 KiB-window archive on a small heap leaves a partial file (whole 512-byte chunks) and OSError(22)', async () => {
    const tgz = await buildSdistNeedingLargeWindow({ name: 'micropython-big', version: '1.0', requires: ['x'] });
    const o = simulateUpipTar(tgz, { windowBits: 12 });
    expect(o.ok).toBe(false);
    expect(o.error?.line).toBe('OSError: [Errno 22] EINVAL');
    expect(o.failedMember).toBe('micropython-big-1.0/big_blob.bin');
    const blob = o.written.find((w) => w.path === 'big_blob.bin')!;
    expect(blob).toMatchObject({ complete: false, bytes: 8192 });
    expect(o.deps).toEqual([]); // install_tar raised: deps are never queued
  });

  it('a wheel fails at DecompIO construction with ValueError: compression header', () => {
    const o = simulateUpipTar(buildWheel({ name: 'w', version: '1', files: { 'w.py': '' } }), { windowBits: 15 });
    expect(o.error?.line).toBe('ValueError: compression header');
    expect(o.written).toEqual([]);
  });

  it('a truncated download fails with EOFError', async () => {
    const tgz = await buildSdist({ name: 'p', version: '1', files: { 'a.py': 'x'.repeat(3000) }, truncateAt: 200 }, text);
    expect(simulateUpipTar(tgz, { windowBits: 12 }).error?.line).toBe('EOFError');
  });

  it('a CPython-style tar read by the pre-1.2.2 upip fails like micropython#3339', async () => {
    const tgz = await buildSdist({ name: 'p', version: '1', files: { 'a.py': 'A' }, numericTerminator: 'nul', pkgInfo: false, setupPy: false }, text);
    const o = simulateUpipTar(tgz, { windowBits: 15, variant: 'upip-1.2.1' });
    expect(o.error?.line).toBe("ValueError: invalid syntax for integer with base 8: '00000000001\\x00'");
    expect(simulateUpipTar(tgz, { windowBits: 15 }).ok).toBe(true);
  });

  it('a member without a top directory is written as "" (upip would then fail to open the prefix)', async () => {
    const tgz = pako.gzip(await packTar([{ name: 'flat.py', data: new Uint8Array(3) }]));
    expect(simulateUpipTar(tgz, { windowBits: 15 }).written[0]?.path).toBe('');
  });
});
