import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMpy } from '../../src/mpy/buildMpy.ts';
import { get, header, worldOf } from './exchangeHelpers.ts';

const INDEX = 'https://micropython.org/pi/v2';
const HELLO_PY = 'print("hi")\n';
// sha256 computed independently with CPython hashlib.
const HELLO_PY_SHA = '0ca9091eb4e31fb1ab24c8c5de92a08e4e5f402919f82ea3ca784f38534f03f3';
const HELLO_MPY_SHA = 'f8322015d2d5e67d771043f831162392260c34e1e3d2e73d7d661fd4bb68def5';
const DEP_PY_SHA = '0abae1e0ae728216ee44993c5a3a755f8b1c387d947fc4c4f72cab0e4a84214b';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('package JSON hashes and latest', () => {
  it('serves the py tree with 8-digit sha256 prefixes, minified as build.py writes it', async () => {
    const world = await worldOf({ index: { packages: { hello: { versions: { '1.0': { files: { 'hello.py': HELLO_PY } } } } } } });
    const res = await get(world, `${INDEX}/package/py/hello/latest.json`);
    expect(res.status).toBe(200);
    expect(header(res, 'Content-Type')).toBe('application/json');
    expect(res.text).toBe(`{"v":1,"hashes":[["hello.py","${HELLO_PY_SHA.slice(0, 8)}"]],"version":"1.0"}\n`);
  });

  it('compiles .py to .mpy in the 6 tree, with mpy-cross header and the target path as source name', async () => {
    const world = await worldOf({ index: { packages: { hello: { versions: { '1.0': { files: { 'hello.py': HELLO_PY } } } } } } });
    const res = await get(world, `${INDEX}/package/6/hello/latest.json`);
    expect(res.text).toBe(`{"v":1,"hashes":[["hello.mpy","${HELLO_MPY_SHA.slice(0, 8)}"]],"version":"1.0"}\n`);
    const file = await get(world, `${INDEX}/file/${HELLO_MPY_SHA.slice(0, 2)}/${HELLO_MPY_SHA.slice(0, 8)}`);
    expect(file.status).toBe(200);
    expect(header(file, 'Content-Type')).toBe('application/octet-stream');
    expect(file.body).toEqual(buildMpy({ version: 6, sub: 0, arch: 0, smallIntBits: 31, magic: 'M', empty: false, sourceName: 'hello.py' }));
    expect(sha(file.body)).toBe(HELLO_MPY_SHA);
  });

  it('serves the source bytes under /file/{hh}/{hash} for the py tree', async () => {
    const world = await worldOf({ index: { packages: { hello: { versions: { '1.0': { files: { 'hello.py': HELLO_PY } } } } } } });
    const res = await get(world, `${INDEX}/file/0c/0ca9091e`);
    expect(res.text).toBe(HELLO_PY);
  });

  it('compiles __init__.py too, and leaves non-.py files as they are', async () => {
    const world = await worldOf({
      index: { packages: { p: { versions: { '0.1': { files: { 'p/__init__.py': '', 'p/data.txt': 'abc' } } } } } },
    });
    const json = JSON.parse((await get(world, `${INDEX}/package/6/p/latest.json`)).text) as { hashes: string[][] };
    expect(json.hashes.map((h) => h[0])).toEqual(['p/__init__.mpy', 'p/data.txt']);
  });

  it('publishes the highest version as latest unless the spec names one', async () => {
    const versions = { '0.9': { files: { 'a.py': 'v = 9' } }, '0.10': { files: { 'a.py': 'v = 10' } }, '0.2': { files: { 'a.py': 'v = 2' } } };
    const highest = await worldOf({ index: { packages: { a: { versions } } } });
    expect(JSON.parse((await get(highest, `${INDEX}/package/py/a/latest.json`)).text).version).toBe('0.10');
    const pinned = await worldOf({ index: { packages: { a: { versions, latest: '0.2' } } } });
    expect(JSON.parse((await get(pinned, `${INDEX}/package/py/a/latest.json`)).text).version).toBe('0.2');
    expect(JSON.parse((await get(pinned, `${INDEX}/package/py/a/0.9.json`)).text).version).toBe('0.9');
  });

  it('honours hashPrefix', async () => {
    const world = await worldOf({ index: { hashPrefix: 12, packages: { hello: { versions: { '1.0': { files: { 'hello.py': HELLO_PY } } } } } } });
    const json = JSON.parse((await get(world, `${INDEX}/package/py/hello/latest.json`)).text) as { hashes: string[][] };
    expect(json.hashes[0]![1]).toBe(HELLO_PY_SHA.slice(0, 12));
  });

  it('rejects a spec whose latest is not a declared version', async () => {
    await expect(worldOf({ index: { packages: { a: { latest: '2.0', versions: { '1.0': { files: {} } } } } } })).rejects.toThrow(/latest is "2.0"/);
  });
});

describe('deps flattening (require)', () => {
  it('puts required packages files first, each package once, cycles included', async () => {
    const world = await worldOf({
      index: {
        packages: {
          app: { versions: { '1.0': { files: { 'app.py': 'import dep' }, deps: ['dep', 'util'] } } },
          dep: { versions: { '0.1': { files: { 'dep.py': 'X = 1\n' }, deps: ['util', 'app'] } } },
          util: { versions: { '2.0': { files: { 'util.py': 'U = 1' } } } },
        },
      },
    });
    const json = JSON.parse((await get(world, `${INDEX}/package/py/app/latest.json`)).text) as { hashes: string[][] };
    expect(json.hashes.map((h) => h[0])).toEqual(['util.py', 'dep.py', 'app.py']);
    expect(json.hashes[1]![1]).toBe(DEP_PY_SHA.slice(0, 8));
    expect(Object.keys(json)).toEqual(['v', 'hashes', 'version']);
  });

  it('can pin a dependency version with name@version', async () => {
    const world = await worldOf({
      index: {
        packages: {
          app: { versions: { '1.0': { files: { 'app.py': '' }, deps: ['dep@0.1'] } } },
          dep: { versions: { '0.1': { files: { 'old.py': '' } }, '0.2': { files: { 'new.py': '' } } } },
        },
      },
    });
    const json = JSON.parse((await get(world, `${INDEX}/package/py/app/latest.json`)).text) as { hashes: string[][] };
    expect(json.hashes.map((h) => h[0])).toEqual(['old.py', 'app.py']);
  });

  it('names an unknown dependency in the error', async () => {
    await expect(worldOf({ index: { packages: { a: { versions: { '1.0': { files: {}, deps: ['nope'] } } } } } })).rejects.toThrow(/"nope"/);
  });
});

describe('index namespace', () => {
  it('answers unknown paths under the index with a 404 that counts as matched', async () => {
    const world = await worldOf({ index: { packages: { a: { versions: { '1.0': { files: { 'a.py': '' } } } } } } });
    for (const path of ['/package/6/nope/latest.json', '/package/6/a/9.9.json', '/package/7/a/latest.json', '/file/00/00000000', '/']) {
      const res = await get(world, INDEX + path);
      expect(res.status, path).toBe(404);
      expect(res.text).toContain('404 Not Found');
    }
    expect(world.unmatched()).toEqual([]);
  });

  it('serves only the trees listed in mpyTrees', async () => {
    const world = await worldOf({ index: { mpyTrees: ['py'], packages: { a: { versions: { '1.0': { files: { 'a.py': '' } } } } } } });
    expect((await get(world, `${INDEX}/package/6/a/latest.json`)).status).toBe(404);
    expect((await get(world, `${INDEX}/package/py/a/latest.json`)).status).toBe(200);
  });

  it('serves index.json as build.py writes it: indent 2, sorted, versions py first', async () => {
    const world = await worldOf({
      index: {
        packages: {
          zeta: { versions: { '1.0': { files: { 'z.py': '' }, description: 'Zé' } } },
          alpha: { versions: { '0.2': { files: { 'a.py': '' } }, '0.1': { files: { 'a.py': '' } } } },
        },
      },
    });
    const res = await get(world, `${INDEX}/index.json`);
    expect(res.text).toBe(
      [
        '{',
        '  "packages": [',
        '    {',
        '      "name": "alpha",',
        '      "version": "0.2",',
        '      "author": "",',
        '      "description": "",',
        '      "license": "MIT",',
        '      "versions": {',
        '        "py": [',
        '          "0.1",',
        '          "0.2"',
        '        ],',
        '        "6": [',
        '          "0.1",',
        '          "0.2"',
        '        ]',
        '      },',
        '      "path": "micropython/alpha"',
        '    },',
        '    {',
        '      "name": "zeta",',
        '      "version": "1.0",',
        '      "author": "",',
        '      "description": "Z\\u00e9",',
        '      "license": "MIT",',
        '      "versions": {',
        '        "py": [',
        '          "1.0"',
        '        ],',
        '        "6": [',
        '          "1.0"',
        '        ]',
        '      },',
        '      "path": "micropython/zeta"',
        '    }',
        '  ],',
        '  "v": 2,',
        '  "updated": 1735689600',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('serves an index at a custom URL', async () => {
    const world = await worldOf({ index: { url: 'https://example.github.io/micropython-lib/mip/main/', packages: { a: { versions: { '1.0': { files: { 'a.py': '' } } } } } } });
    expect((await get(world, 'https://example.github.io/micropython-lib/mip/main/package/6/a/latest.json')).status).toBe(200);
  });
});
