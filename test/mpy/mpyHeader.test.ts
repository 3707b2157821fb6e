import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMpy } from '../../src/mpy/buildMpy.ts';
import { checkMpyHeader } from '../../src/mpy/mpyHeader.ts';
import { MPY_ARCH } from '../../src/mpy/mpyArch.ts';
import { portProfile } from '../../src/device/portProfiles.ts';
import type { PortName } from '../../src/scenario/schema.ts';
import { binaryFor, skipNote } from '../support/realBinaries.ts';

const base = { version: 6, sub: 0, arch: 0, smallIntBits: 31, magic: 'M', empty: false };
type Header = Partial<typeof base>;
const file = (h: Header): Uint8Array => buildMpy({ ...base, ...h });
const verdict = (port: PortName, version: string, h: Header): string =>
  checkMpyHeader(file(h), portProfile(port, version).mpyTarget)?.line ?? 'ok';

const FILE = 'ValueError: incompatible .mpy file';
const ARCH = 'ValueError: incompatible .mpy arch';
const NATIVE = 'ValueError: native code in .mpy unsupported';

// Loader checks of py/persistentcode.c: v5 to 1.18, v6 on 1.19, v6.x from 1.20.
describe('.mpy header checks per loader version (every refusal is a ValueError)', () => {
  it('bytecode v6 (feature byte 0) loads on 1.19, 1.22 and 1.27; v1.18 (v5 loader) rejects it', () => {
    for (const v of ['1.19.1', '1.22.2', '1.27.0']) expect(verdict('unix', v, {})).toBe('ok');
    expect(verdict('unix', '1.18', {})).toBe(FILE);
    expect(verdict('webassembly', '1.27.0', {})).toBe('ok');
  });
  it('a v5 file loads only on a v5 loader with the same flags (unix 1.18: unicode only; 1.17: + cache)', () => {
    expect(verdict('unix', '1.18', { version: 5, sub: 2 })).toBe('ok');
    expect(verdict('unix', '1.17', { version: 5, sub: 2 })).toBe(FILE);
    expect(verdict('unix', '1.17', { version: 5, sub: 3 })).toBe('ok');
    expect(verdict('unix', '1.19.1', { version: 5, sub: 2 })).toBe(FILE);
  });
  it('sub-version bits: ignored for bytecode on 1.20+, rejected by 1.19', () => {
    expect(verdict('unix', '1.27.0', { sub: 1 })).toBe('ok');
    expect(verdict('unix', '1.19.1', { sub: 1 })).toBe(FILE);
  });
  it('native x64 6.3 loads on unix 1.27; 1.19 rejects the sub-version; 1.22 wants 6.2; wasm has no native code', () => {
    const x64v63 = { sub: 3, arch: MPY_ARCH.x64 };
    expect(verdict('unix', '1.27.0', x64v63)).toBe('ok');
    expect(verdict('unix', '1.19.1', x64v63)).toBe(FILE);
    expect(verdict('unix', '1.22.2', x64v63)).toBe(FILE);
    expect(verdict('unix', '1.22.2', { sub: 2, arch: MPY_ARCH.x64 })).toBe('ok');
    expect(verdict('unix', '1.19.1', { sub: 0, arch: MPY_ARCH.x64 })).toBe('ok');
    expect(verdict('webassembly', '1.27.0', x64v63)).toBe(NATIVE);
  });
  it('an arch the CPU cannot run: incompatible .mpy arch', () => {
    expect(verdict('unix', '1.27.0', { sub: 3, arch: MPY_ARCH.armv6m })).toBe(ARCH);
    expect(verdict('esp32', '1.27.0', { sub: 3, arch: MPY_ARCH.xtensa })).toBe(ARCH);
  });
  it('Thumb ports run every Thumb flavour up to their own', () => {
    expect(verdict('pyboard', '1.27.0', { sub: 3, arch: MPY_ARCH.armv6m })).toBe('ok');
    expect(verdict('rp2', '1.27.0', { sub: 3, arch: MPY_ARCH.armv7emsp })).toBe(ARCH);
  });
  it('small-int bits above the build (64 on unix; 32 on MCUs), wrong magic, version 7, empty file: incompatible file', () => {
    expect(verdict('unix', '1.27.0', { smallIntBits: 63 })).toBe('ok');
    expect(verdict('unix', '1.27.0', { smallIntBits: 64 })).toBe(FILE);
    expect(verdict('esp32', '1.27.0', { smallIntBits: 32 })).toBe(FILE);
    expect(verdict('unix', '1.27.0', { magic: 'C' })).toBe(FILE);
    expect(verdict('unix', '1.27.0', { version: 7 })).toBe(FILE);
    for (const v of ['1.17', '1.19.1', '1.27.0']) expect(verdict('unix', v, { empty: true })).toBe(FILE);
  });
  it('1.27: the arch-flags bit (0x40) is refused on non-RV32 ports', () => {
    const withFlags = new Uint8Array([0x4d, 6, 0x40, 31]);
    expect(checkMpyHeader(withFlags, portProfile('unix', '1.27.0').mpyTarget)?.line).toBe(FILE);
  });
});

// The same matrix on the real binaries given in MIPRIG_MICROPYTHON (a version without one is skipped).
const VERSIONS = ['1.19.1', '1.20.0', '1.22.2', '1.24.1', '1.27.0'];
const MATRIX: Header[] = [
  {}, { sub: 1 }, { sub: 2 }, { sub: 3 }, { version: 5 }, { version: 7 }, { magic: 'C' }, { smallIntBits: 63 },
  { smallIntBits: 64 }, { empty: true }, { sub: 0, arch: MPY_ARCH.x64 }, { sub: 1, arch: MPY_ARCH.x64 },
  { sub: 2, arch: MPY_ARCH.x64 }, { sub: 3, arch: MPY_ARCH.x64 }, { sub: 3, arch: MPY_ARCH.armv6m },
  { sub: 0, arch: MPY_ARCH.armv6m },
];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('checkMpyHeader agrees with the real unix loaders', () => {
  for (const version of VERSIONS) {
    const bin = binaryFor(version);
    it.skipIf(!bin)(`${version}${skipNote(version)}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'miprig-hdr-'));
      dirs.push(dir);
      MATRIX.forEach((h, i) => writeFileSync(join(dir, `m${i}.mpy`), file(h)));
      const code = [
        `for i in range(${MATRIX.length}):`,
        '    try:',
        "        __import__('m%d' % i)",
        "        print('ok')",
        '    except Exception as e:',
        "        print(type(e).__name__ + ': ' + str(e))",
      ].join('\n');
      const run = spawnSync(bin!.path, ['-c', code], { env: { MICROPYPATH: dir, HOME: dir }, encoding: 'utf8' });
      const real = run.stdout.trim().split('\n');
      expect(MATRIX.map((h) => verdict('unix', version, h))).toEqual(real);
    });
  }
});
