import { spawnSync } from 'node:child_process';
import { OPTIONAL_MODULES } from '../../src/device/buildProfile.ts';
import { describe, expect, it } from 'vitest';
import { builtinModules } from '../../src/device/builtinModules.ts';
import { defaultFrozenNames, frozenTable } from '../../src/device/frozenModules.ts';
import { allBinaries, skipNote } from '../support/realBinaries.ts';

// The two registration eras: u-names + weak links to 1.20, plain + extensible names from 1.21.
describe('built-in module tables', () => {
  it('1.21+: plain names; extensible ones are found after the search, u-aliases before it', () => {
    const b = builtinModules('unix', '1.22.2');
    expect(b.beforeSearch('math')).toBe('math');
    expect(b.beforeSearch('json')).toBeUndefined();
    expect(b.afterSearch('json')).toBe('json');
    expect(b.beforeSearch('ujson')).toBe('json');
    expect(b.beforeSearch('usys')).toBe('sys');
    expect(b.beforeSearch('umath')).toBeUndefined();
    expect(b.beforeSearch('uasyncio')).toBeUndefined();
    expect(b.isExtensible('ssl')).toBe(true);
  });
  it('1.12–1.20: u-names registered exactly; plain names reach them only through the weak link', () => {
    const b = builtinModules('unix', '1.19.1');
    expect(b.beforeSearch('ujson')).toBe('ujson');
    expect(b.beforeSearch('json')).toBeUndefined();
    expect(b.afterSearch('json')).toBe('ujson');
    expect(b.afterSearch('ssl')).toBe('ussl');
    expect(b.beforeSearch('math')).toBe('math');
  });
  it('the C zlib is gone in 1.21 (deflate replaces it); tls replaces the C ssl in 1.23', () => {
    expect(builtinModules('unix', '1.20.0').names.has('uzlib')).toBe(true);
    expect(builtinModules('unix', '1.22.2').afterSearch('zlib')).toBeUndefined();
    expect(builtinModules('unix', '1.22.2').beforeSearch('deflate')).toBe('deflate');
    expect(builtinModules('unix', '1.24.1').afterSearch('ssl')).toBeUndefined();
    expect(builtinModules('unix', '1.24.1').beforeSearch('tls')).toBe('tls');
  });
  it('webassembly has no socket', () => {
    expect(builtinModules('webassembly', '1.27.0').afterSearch('socket')).toBeUndefined();
  });
});

describe('frozen tables', () => {
  it('unix: upip until 1.19.1, mip + urequests in 1.20, mip + requests from 1.21, ssl.py from 1.23', () => {
    expect(defaultFrozenNames('unix', '1.19.1')).toEqual(['upip.py', 'upip_utarfile.py']);
    expect(defaultFrozenNames('unix', '1.20.0')).toContain('urequests.py');
    expect(defaultFrozenNames('unix', '1.22.2')).toContain('requests/__init__.py');
    expect(defaultFrozenNames('unix', '1.22.2')).not.toContain('ssl.py');
    expect(defaultFrozenNames('unix', '1.24.1')).toContain('ssl.py');
  });
  it('an exact name is a file, a name followed by / a directory', () => {
    const t = frozenTable('unix', '1.27.0', { 'deep/a/b.py': '' });
    expect(t.stat('asyncio')).toBe('dir');
    expect(t.stat('asyncio/core.py')).toBe('file');
    expect(t.stat('asyncio/core')).toBeUndefined();
    expect(t.stat('deep/a')).toBe('dir');
    expect(t.stat('deep')).toBe('dir');
  });
});

// help('modules') on the real binaries lists built-ins plus frozen names without `.py`.
const VERSIONS = ['1.19.1', '1.20.0', '1.22.2', '1.24.1', '1.27.0'];

// Every binary given, each build: btree and ffi are the modules ordinary builds turn off
// (MICROPY_PY_BTREE=0, MICROPY_PY_FFI=0), build facts the probe reads; the rest must match exactly.
describe("tables match help('modules') of the real unix builds", () => {
  for (const version of VERSIONS) {
    const builds = allBinaries.filter((b) => b.version === version);
    if (builds.length === 0) it.skip(`${version}${skipNote(version)}`, () => {});
    for (const bin of builds) {
      it(`${version} (${bin.path})`, () => {
        const run = spawnSync(bin.path, ['-c', "help('modules')"], { encoding: 'utf8' });
        const real = run.stdout
          .split('\n')
          .filter((l) => !l.startsWith('Plus'))
          .flatMap((l) => l.trim().split(/\s+/))
          .filter((n) => n !== '' && n !== '__main__')
          .sort();
        const absent = OPTIONAL_MODULES.filter((m) => !real.includes(m));
        const virtual = [...builtinModules('unix', version, absent).names, ...defaultFrozenNames('unix', version).map((n) => n.slice(0, -3))].sort();
        expect(virtual).toEqual(real);
      });
    }
  }
});
