import { describe, expect, it } from 'vitest';
import { makeDevice } from './makeDevice.ts';
import { micropypathFor, mpyValue, sysPathFromMicropypath } from '../../src/device/portProfiles.ts';

// Default sys.path per port and version (py/runtime.c `mp_init`, then each port's main.c).
describe('default sys.path per port and version', () => {
  const cases: Array<[string, string, string[], string]> = [
    ['unix', '1.27.0', ['', '.frozen', '/home/.micropython/lib', '/usr/lib/micropython'], '/'],
    ['unix', '1.19.1', ['', '.frozen', '/home/.micropython/lib', '/usr/lib/micropython'], '/'],
    ['unix', '1.17', ['', '/home/.micropython/lib', '/usr/lib/micropython'], '/'],
    ['esp32', '1.22.2', ['', '.frozen', '/lib'], '/'],
    ['esp32', '1.17', ['', '/lib'], '/'],
    ['esp8266', '1.20.0', ['', '.frozen', '/lib', '/'], '/'],
    ['rp2', '1.24.1', ['', '.frozen', '/lib'], '/'],
    ['stm32', '1.22.2', ['', '.frozen', '/flash', '/flash/lib'], '/flash'],
    ['pyboard', '1.19.1', ['', '.frozen', '/flash', '/flash/lib'], '/flash'],
    ['samd', '1.20.0', ['', '.frozen'], '/'],
    ['samd', '1.21.0', ['', '.frozen', '/lib'], '/'],
    ['webassembly', '1.22.2', [''], '/'],
    ['webassembly', '1.27.0', ['', '.frozen', '/lib'], '/'],
  ];
  for (const [port, version, path, cwd] of cases) {
    it(`${port} ${version}`, () => {
      const d = makeDevice({ port, version });
      expect(d.sysPath).toEqual(path);
      expect(d.cwd).toBe(cwd);
    });
  }

  it('unix has HOME /home; bare-metal ports have none', () => {
    expect(makeDevice({ port: 'unix' }).home).toBe('/home');
    expect(makeDevice({ port: 'esp32' }).home).toBeUndefined();
  });

  it('stm32 with an SD mount puts /sd, /sd/lib before /flash', () => {
    const d = makeDevice({ port: 'stm32', version: '1.22.2', mounts: [{ path: '/sd', kind: 'fat' }] });
    expect(d.sysPath).toEqual(['', '.frozen', '/sd', '/sd/lib', '/flash', '/flash/lib']);
  });

  it('a scenario frozen module gives .frozen to a port with no frozen manifest', () => {
    const d = makeDevice({ port: 'webassembly', version: '1.22.2', frozen: { 'fz.py': 'x = 1' } });
    expect(d.sysPath).toEqual(['', '.frozen']);
  });
});

describe('ROMFS entries: v1.25+, only with a ROMFS image', () => {
  const rom = [{ path: '/rom', kind: 'rom' }];
  it('rp2 1.25 with a rom mount at /rom: /rom, /rom/lib right after .frozen', () => {
    expect(makeDevice({ port: 'rp2', version: '1.25.0', mounts: rom }).sysPath).toEqual(['', '.frozen', '/rom', '/rom/lib', '/lib']);
  });
  it('stm32 1.27: before the flash entries', () => {
    expect(makeDevice({ port: 'stm32', version: '1.27.0', mounts: rom }).sysPath).toEqual([
      '', '.frozen', '/rom', '/rom/lib', '/flash', '/flash/lib',
    ]);
  });
  it('not before v1.25, and not without the mount', () => {
    expect(makeDevice({ port: 'rp2', version: '1.24.1', mounts: rom }).sysPath).toEqual(['', '.frozen', '/lib']);
    expect(makeDevice({ port: 'rp2', version: '1.27.0' }).sysPath).toEqual(['', '.frozen', '/lib']);
  });
});

describe('sys.implementation._mpy: .mpy version | feature byte << 8', () => {
  it('matches the measured unix x64 values', () => {
    expect(makeDevice({ version: '1.19.1' }).mpy).toBe(2054);
    expect(makeDevice({ version: '1.20.0' }).mpy).toBe(2310);
    expect(makeDevice({ version: '1.22.2' }).mpy).toBe(2566);
    expect(makeDevice({ version: '1.24.1' }).mpy).toBe(2822);
    expect(makeDevice({ version: '1.27.0' }).mpy).toBe(2822);
  });
  it('matches the derived MCU and wasm values', () => {
    expect(mpyValue('webassembly', '1.27.0')).toBe(774);
    expect(mpyValue('esp32', '1.27.0')).toBe(11014);
    expect(mpyValue('esp8266', '1.23.0')).toBe(9990);
    expect(mpyValue('rp2', '1.23.0')).toBe(4870);
    expect(mpyValue('pyboard', '1.23.0')).toBe(7942);
    expect(mpyValue('esp32', '1.22.2')).toBe(10758);
    expect(mpyValue('esp32', '1.20.0')).toBe(10502);
    expect(mpyValue('esp32', '1.19.1')).toBe(10246);
  });
  it('v5 era: the field is `mpy`, so `_mpy` is undefined (unix 1.18 = 2565, 1.17 = 2821)', () => {
    const d = makeDevice({ version: '1.18' });
    expect(d.mpy).toBeUndefined();
    expect(d.profile.legacyMpy).toBe(2565);
    expect(mpyValue('unix', '1.17')).toBe(2821);
  });
  it('mip asks for tree 6 on every v1.19+ firmware (_mpy & 0xff)', () => {
    for (const v of ['1.19.1', '1.20.0', '1.22.2', '1.27.0']) expect(makeDevice({ port: 'esp32', version: v }).mpy! & 0xff).toBe(6);
  });
});

describe('unix MICROPYPATH semantics', () => {
  it('replaces everything after "" (so .frozen disappears unless listed); ~/ expands to HOME', () => {
    expect(sysPathFromMicropypath('/x:~/y:.frozen', '1.27.0', '/h')).toEqual(['', '/x', '/h/y', '.frozen']);
    expect(sysPathFromMicropypath('/a', '1.27.0', '/h')).toEqual(['', '/a']);
  });
  it('≤1.20: an empty or leading-colon value adds a second ""; 1.21+ skips it', () => {
    expect(sysPathFromMicropypath(':/a', '1.19.1', '/h')).toEqual(['', '', '/a']);
    expect(sysPathFromMicropypath('', '1.20.0', '/h')).toEqual(['', '']);
    expect(sysPathFromMicropypath(':/a', '1.21.0', '/h')).toEqual(['', '/a']);
    expect(sysPathFromMicropypath('', '1.27.0', '/h')).toEqual(['']);
  });
  it('spec.sysPath on unix is the full list, "" first, with ~/ expanded', () => {
    const d = makeDevice({ port: 'unix', sysPath: ['', '~/lib', '.frozen'] });
    expect(d.sysPath).toEqual(['', '/home/lib', '.frozen']);
    expect(micropypathFor(d.sysPath)).toBe('/home/lib:.frozen');
  });
  it('a list the binary cannot get from MICROPYPATH is refused by micropypathFor', () => {
    expect(() => micropypathFor(['/lib'])).toThrow(/start the list with ""/);
  });
  it('spec.sysPath on a bare-metal port is taken verbatim', () => {
    expect(makeDevice({ port: 'esp32', sysPath: ['/lib', ''] }).sysPath).toEqual(['/lib', '']);
  });
});
