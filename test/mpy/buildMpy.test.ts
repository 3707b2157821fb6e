import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMpy } from '../../src/mpy/buildMpy.ts';
import { binaryFor, mpyCrossFor, skipNote } from '../support/realBinaries.ts';

const VERSIONS = ['1.19.1', '1.20.0', '1.22.2', '1.24.1', '1.27.0'];
const base = { version: 6, sub: 0, arch: 0, smallIntBits: 31, magic: 'M', empty: false };
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'miprig-mpy-'));
  dirs.push(d);
  return d;
}

describe('buildMpy', () => {
  it('v6 bytecode of an empty module: the bytes mpy-cross v1.19.1…v1.27.0 emit for an empty m.py', () => {
    expect(hex(buildMpy(base))).toBe('4d06001f0200086d2e7079000f2800020151' + '63');
  });
  it('writes the requested header in front of the same body', () => {
    const b = buildMpy({ ...base, version: 5, sub: 3, arch: 2, smallIntBits: 63, magic: 'X' });
    expect([...b.subarray(0, 4)]).toEqual([0x58, 5, 3 | (2 << 2), 63]);
    expect(hex(b.subarray(4))).toBe(hex(buildMpy(base).subarray(4)));
  });
  it('empty: true is a zero-byte file', () => {
    expect(buildMpy({ ...base, empty: true }).length).toBe(0);
  });
  it('long source names use a multi-byte varuint length, as mpy-cross does', () => {
    const name = `${'a'.repeat(70)}.py`;
    expect(hex(buildMpy({ ...base, sourceName: name }).subarray(6, 8))).toBe('8112');
  });
});

describe('buildMpy against the real tools', () => {
  for (const version of VERSIONS) {
    const bin = binaryFor(version);
    const cross = mpyCrossFor(version);
    it.skipIf(!cross)(`mpy-cross ${version} emits the same bytes for an empty m.py${skipNote(version, { mpyCross: true })}`, () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'm.py'), '');
      const run = spawnSync(cross!, ['-o', join(dir, 'm.mpy'), 'm.py'], { cwd: dir });
      expect(run.status).toBe(0);
      expect(hex(readFileSync(join(dir, 'm.mpy')))).toBe(hex(buildMpy(base)));
    });
    it.skipIf(!bin)(`micropython ${version} imports it as an empty module${skipNote(version)}`, () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'zz.mpy'), buildMpy(base));
      const run = spawnSync(bin!.path, ['-c', 'import zz; print(zz.__file__)'], {
        env: { MICROPYPATH: dir, HOME: dir },
        encoding: 'utf8',
      });
      expect(run.stdout.trim()).toBe(`${dir}/zz.mpy`);
    });
  }
});
