import { describe, expect, it } from 'vitest';
import { satisfies } from '../../src/scenario/version.ts';
import { IMPORT_CASES } from './importCases.ts';
import { makeDevice, origin } from './makeDevice.ts';

const VERSIONS = ['1.17', '1.19.1', '1.20.0', '1.22.2', '1.24.1', '1.27.0'];

describe('import resolution on the unix port', () => {
  for (const c of IMPORT_CASES) {
    describe(`${c.title} [${c.rule}]`, () => {
      for (const version of VERSIONS) {
        const expected = c.expect.find(([range]) => satisfies(version, range))?.[1];
        if (!expected) continue;
        // v1.17 has no frozen mip/argparse: cases about them are v1.20+ facts.
        it(version, () => {
          const dev = makeDevice({ port: 'unix', version, ...(c.sysPath ? { sysPath: c.sysPath } : {}) }, c.files);
          expect(c.imports.map((name) => origin(dev, name))).toEqual(expected);
        });
      }
    });
  }
});

describe('tried paths', () => {
  it('lists every stat in order: dir, .py, .mpy per entry, frozen paths with their prefix', () => {
    const dev = makeDevice({ port: 'unix', version: '1.27.0', sysPath: ['', '.frozen', '/lib'] }, { '/lib/m.mpy': new Uint8Array([0x4d, 6, 0, 31]) });
    expect(dev.importModule('m').tried).toEqual(['m', 'm.py', 'm.mpy', '.frozen/m', '.frozen/m.py', '.frozen/m.mpy', '/lib/m', '/lib/m.py', '/lib/m.mpy']);
  });
  it('a sys.modules hit (1.21+) looks at nothing', () => {
    const dev = makeDevice({ port: 'unix', version: '1.27.0' }, { '/m.py': '' });
    dev.importModule('m');
    expect(dev.importModule('m').tried).toEqual([]);
    expect(dev.modules.has('m')).toBe(true);
  });
});

describe('sys.modules: checked first, skipped on an empty sys.path, never holds built-ins (1.21+)', () => {
  it('1.21+: a module already imported wins even after its file is gone from the search order', () => {
    const dev = makeDevice({ port: 'unix', version: '1.22.2', sysPath: ['', '/a', '/b'] }, { '/a/m.py': '', '/b/m.py': '' });
    expect(origin(dev, 'm')).toBe('/a/m.py');
    dev.sysPath.splice(1, 1);
    expect(origin(dev, 'm')).toBe('/a/m.py');
    dev.modules.delete('m');
    expect(origin(dev, 'm')).toBe('/b/m.py');
  });
  it('1.21+: an empty sys.path ignores sys.modules and forces the built-in', () => {
    const dev = makeDevice({ port: 'unix', version: '1.27.0' }, { '/json.py': '' });
    expect(origin(dev, 'json')).toBe('json.py');
    dev.sysPath.splice(0);
    expect(origin(dev, 'json')).toBe('builtin:json');
  });
  it('built-ins are never stored in sys.modules (1.21+)', () => {
    const dev = makeDevice({ port: 'unix', version: '1.27.0' });
    dev.importModule('gc');
    dev.importModule('json');
    expect(dev.modules.size).toBe(0);
  });
});

describe('frozen modules on bare-metal ports', () => {
  it('esp32 1.22: mip and requests are frozen; a /lib copy does not override them', () => {
    const dev = makeDevice({ port: 'esp32', version: '1.22.2' }, { '/lib/requests/__init__.py': '' });
    expect(origin(dev, 'mip')).toBe('frozen:mip/__init__.py');
    expect(origin(dev, 'requests')).toBe('frozen:requests/__init__.py');
  });
  it('esp32 1.20 has urequests; 1.19 has upip', () => {
    expect(origin(makeDevice({ port: 'esp32', version: '1.20.0' }), 'urequests')).toBe('frozen:urequests.py');
    expect(origin(makeDevice({ port: 'esp32', version: '1.19.1' }), 'upip')).toBe('frozen:upip.py');
  });
  it('moving .frozen after /lib lets the /lib copy win (rp2 asyncio)', () => {
    const dev = makeDevice({ port: 'rp2', version: '1.22.2' }, { '/lib/asyncio/__init__.py': '' });
    expect(origin(dev, 'asyncio')).toBe('frozen:asyncio/__init__.py');
    dev.editSysPath({ move: { entry: '.frozen', toEnd: true } });
    dev.modules.clear();
    expect(origin(dev, 'asyncio')).toBe('/lib/asyncio/__init__.py');
  });
  it('frozen sub-modules resolve through __path__ .frozen/asyncio', () => {
    const dev = makeDevice({ port: 'rp2', version: '1.22.2' });
    expect(origin(dev, 'asyncio.core')).toBe('frozen:asyncio/core.py');
  });
  it('a scenario frozen entry adds to the table; a frozen directory without __init__ is a namespace package', () => {
    const dev = makeDevice({ port: 'esp32', version: '1.27.0', frozen: { 'fzpkg/sub.py': '', 'fz.py': '' } });
    expect(origin(dev, 'fz')).toBe('frozen:fz.py');
    expect(origin(dev, 'fzpkg')).toBe('namespace:.frozen/fzpkg');
    expect(origin(dev, 'fzpkg.sub')).toBe('frozen:fzpkg/sub.py');
  });
  it('a "sys.path entry" .frozen/asyncio works as a frozen sub-directory', () => {
    const dev = makeDevice({ port: 'rp2', version: '1.27.0', sysPath: ['.frozen/asyncio'] });
    expect(origin(dev, 'core')).toBe('frozen:asyncio/core.py');
  });
  it('a real /.frozen directory is never consulted through the .frozen entry', () => {
    const dev = makeDevice({ port: 'esp32', version: '1.27.0', sysPath: ['.frozen'] }, { '/.frozen/x.py': '' });
    expect(origin(dev, 'x')).toBe("ImportError: no module named 'x'");
  });
  it('stm32: cwd is /flash, so "" finds /flash files before frozen ones', () => {
    const dev = makeDevice({ port: 'stm32', version: '1.22.2' }, { '/flash/dht.py': '', '/flash/lib/onewire.py': '' });
    expect(origin(dev, 'dht')).toBe('dht.py');
    expect(origin(dev, 'onewire')).toBe('frozen:onewire.py');
  });
});

describe('v1.12–v1.17: frozen lookup by raw path, so only the "" entry reaches it', () => {
  const spec = { port: 'esp32', version: '1.17', frozen: { 'fz.py': '', 'fzpkg/__init__.py': '' } };
  it('at the "" entry frozen code beats a cwd file of the same name', () => {
    const dev = makeDevice(spec, { '/fz.py': '' });
    expect(origin(dev, 'fz')).toBe('frozen:fz.py');
    expect(origin(dev, 'fzpkg')).toBe('frozen:fzpkg/__init__.py');
  });
  it('only "" reaches frozen code: put /lib first to let a file win', () => {
    const dev = makeDevice({ ...spec, sysPath: ['/lib', ''] }, { '/lib/fz.py': '' });
    expect(origin(dev, 'fz')).toBe('/lib/fz.py');
  });
  it('an entry other than "" never finds frozen code', () => {
    const dev = makeDevice({ ...spec, sysPath: ['/lib'] });
    expect(origin(dev, 'fz')).toBe("ImportError: no module named 'fz'");
  });
});

describe('terse error builds (samd)', () => {
  it('say "module not found"', () => {
    expect(origin(makeDevice({ port: 'samd', version: '1.22.2' }), 'nothere')).toBe('ImportError: module not found');
  });
});

describe('.mpy loading on bare metal: incompatible files raise ValueError', () => {
  it('esp32 rejects an x64 native .mpy as incompatible arch; webassembly reports native code unsupported', () => {
    const x64 = new Uint8Array([0x4d, 6, 3 | (2 << 2), 31]);
    expect(origin(makeDevice({ port: 'esp32', version: '1.27.0' }, { '/lib/n.mpy': x64 }), 'n')).toBe('ValueError: incompatible .mpy arch');
    expect(origin(makeDevice({ port: 'webassembly', version: '1.27.0' }, { '/lib/n.mpy': x64 }), 'n')).toBe(
      'ValueError: native code in .mpy unsupported',
    );
  });
});
