import { describe, expect, it } from 'vitest';
import { inflateBounded, scanMaxDistance } from '../../src/archive/boundedInflate.ts';
import { buildSdist, buildSdistNeedingLargeWindow, type SdistSpec } from '../../src/archive/buildSdist.ts';
import type { FileContent } from '../../src/scenario/schema.ts';
import { bytesSource, UtarReader } from '../../src/archive/utarReader.ts';

const materialize = async (c: FileContent): Promise<Uint8Array> =>
  new TextEncoder().encode(typeof c === 'string' ? c : JSON.stringify(c));

const spec: SdistSpec = {
  name: 'micropython-foo',
  version: '1.0',
  files: { 'foo.py': 'x = 1\n', 'foo_pkg/__init__.py': '' },
  requires: ['micropython-bar', 'micropython-baz>=1'],
};

async function names(s: SdistSpec): Promise<{ tar: Uint8Array; names: string[]; gz: Uint8Array }> {
  const gz = await buildSdist(s, materialize);
  const tar = inflateBounded(gz, { format: 'gzip', windowBits: 15 }).output;
  const reader = new UtarReader(bytesSource(tar));
  const list: string[] = [];
  for (let i = reader.next(); i; i = reader.next()) list.push(i.name);
  return { tar, names: list, gz };
}

describe('buildSdist', () => {
  it('lays out an sdist_upip archive (default windowBits 12) as upip expects', async () => {
    const { names: list, gz } = await names(spec);
    expect(list).toEqual([
      'micropython-foo-1.0/PKG-INFO',
      'micropython-foo-1.0/micropython_foo.egg-info/PKG-INFO',
      'micropython-foo-1.0/micropython_foo.egg-info/requires.txt',
      'micropython-foo-1.0/foo.py',
      'micropython-foo-1.0/foo_pkg/__init__.py',
      'micropython-foo-1.0/setup.py',
    ]);
    expect(scanMaxDistance(gz, 'gzip').maxDistance).toBeLessThanOrEqual(4096);
    const r = inflateBounded(gz, { format: 'gzip', windowBits: 12 });
    expect(r.gzipHeader).toMatchObject({ flags: 0, mtime: 0, os: 3, xfl: 2 });
  });

  it('writes requires.txt one spec per line', async () => {
    const { tar } = await names(spec);
    const reader = new UtarReader(bytesSource(tar));
    for (let i = reader.next(); i; i = reader.next()) {
      if (i.name.endsWith('requires.txt')) {
        expect(new TextDecoder().decode(reader.extractfile(i).read())).toBe('micropython-bar\nmicropython-baz>=1\n');
      }
    }
  });

  it('honours setupPy / pkgInfo / readme flags', async () => {
    const { names: list } = await names({ ...spec, setupPy: false, pkgInfo: false, readme: true, requires: undefined });
    expect(list).toEqual(['micropython-foo-1.0/README', 'micropython-foo-1.0/foo.py', 'micropython-foo-1.0/foo_pkg/__init__.py']);
  });

  it('setuptools style (windowBits 15): directory entries with "/", full egg-info, CPython gzip header', async () => {
    const { names: list, gz } = await names({ ...spec, windowBits: 15 });
    expect(list).toContain('micropython-foo-1.0/');
    expect(list).toContain('micropython-foo-1.0/foo_pkg/');
    expect(list).toContain('micropython-foo-1.0/micropython_foo.egg-info/SOURCES.txt');
    const r = inflateBounded(gz, { format: 'gzip', windowBits: 15 });
    expect(r.gzipHeader).toMatchObject({ name: 'micropython-foo-1.0.tar', os: 255, xfl: 2 });
  });

  it("numericTerminator 'nul' writes CPython-style fields", async () => {
    const { tar } = await names({ ...spec, numericTerminator: 'nul' });
    expect(String.fromCharCode(...tar.subarray(124, 136))).toMatch(/^[0-7]{11}\0$/);
    expect(String.fromCharCode(...tar.subarray(100, 108))).toBe('0000644\0');
    const { tar: spaced } = await names(spec);
    expect(String.fromCharCode(...spaced.subarray(124, 136))).toMatch(/^[0-7]{11} $/);
  });

  it('truncateAt cuts the gzip bytes, and must fall inside the archive', async () => {
    const full = await buildSdist(spec, materialize);
    const cut = await buildSdist({ ...spec, truncateAt: 100 }, materialize);
    expect(cut).toEqual(full.subarray(0, 100));
    expect(inflateBounded(cut, { format: 'gzip', windowBits: 12 }).failure?.kind).toBe('eof');
    await expect(buildSdist({ ...spec, truncateAt: full.length }, materialize)).rejects.toThrow(/truncateAt .* use a value below/);
  });

  it('rejects absolute or ".." file names', async () => {
    await expect(buildSdist({ ...spec, files: { '../x.py': '' } }, materialize)).rejects.toThrow(/must be relative/);
  });

  it('buildSdistNeedingLargeWindow needs > 4 KiB and fails a 4 KiB window inside its blob', async () => {
    const gz = await buildSdistNeedingLargeWindow({ name: 'micropython-big', version: '2.0' });
    expect(inflateBounded(gz, { format: 'gzip', windowBits: 15 }).ok).toBe(true);
    const r = inflateBounded(gz, { format: 'gzip', windowBits: 12 });
    expect(r.failure).toMatchObject({ kind: 'window', distance: 8192, outputOffset: 1536 + 8192 });
  });
});
