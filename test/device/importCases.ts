import { buildMpy } from '../../src/mpy/buildMpy.ts';

const goodMpy = buildMpy({ version: 6, sub: 0, arch: 0, smallIntBits: 31, magic: 'M', empty: false });
const badMpy = buildMpy({ version: 5, sub: 0, arch: 0, smallIntBits: 31, magic: 'M', empty: false });

/**
 * Import scenarios on the unix port, with the result each version gives. The same table drives
 * the virtual-device test and, when the real binaries are present, the fidelity test.
 * Files are device paths; the device cwd is `/`.
 */
export interface ImportCase {
  title: string;
  /** Short statement of the import rule the case reproduces (shown in the test title). */
  rule: string;
  files: Record<string, string | Uint8Array>;
  /** Full sys.path ('' first); default: the unix default path. */
  sysPath?: string[];
  /** Imported in order; every result is checked. */
  imports: string[];
  /** First matching version range wins: one expected origin per import. */
  expect: Array<[range: string, results: string[]]>;
}

export const IMPORT_CASES: ImportCase[] = [
  {
    title: 'a directory beats a .py of the same name in the same entry (namespace package)',
    rule: 'a directory, even without __init__, beats a same-named .py in one entry',
    files: { '/lib/foo/x.txt': '', '/lib/foo.py': '' },
    sysPath: ['', '/lib'],
    imports: ['foo'],
    expect: [['*', ['namespace:/lib/foo']]],
  },
  {
    title: 'a package with __init__.py reports its __init__ file; sub-modules come from __path__',
    rule: 'a package reports its __init__ as __file__; sub-modules are searched in __path__',
    files: { '/lib/pkg/__init__.py': '', '/lib/pkg/sub.py': '', '/lib/pkg/deeper/__init__.mpy': goodMpy },
    sysPath: ['', '/lib'],
    imports: ['pkg', 'pkg.sub', 'pkg.deeper', 'pkg.nope'],
    expect: [
      ['>=1.19', ['/lib/pkg/__init__.py', '/lib/pkg/sub.py', '/lib/pkg/deeper/__init__.mpy', "ImportError: no module named 'pkg.nope'"]],
      // a v6 file is refused by the v5 loader
      ['*', ['/lib/pkg/__init__.py', '/lib/pkg/sub.py', 'ValueError: incompatible .mpy file', "ImportError: no module named 'pkg.nope'"]],
    ],
  },
  {
    title: '.py beats .mpy in the same directory',
    rule: 'per entry: directory, then .py, then .mpy; the first entry with a hit wins',
    files: { '/lib/m.py': '', '/lib/m.mpy': badMpy },
    sysPath: ['', '/lib'],
    imports: ['m'],
    expect: [['*', ['/lib/m.py']]],
  },
  {
    title: 'an .mpy in an earlier entry beats a .py in a later one',
    rule: 'per entry: directory, then .py, then .mpy; the first entry with a hit wins',
    files: { '/a/m.mpy': goodMpy, '/b/m.py': '' },
    sysPath: ['', '/a', '/b'],
    imports: ['m'],
    expect: [['>=1.19', ['/a/m.mpy']], ['*', ['ValueError: incompatible .mpy file']]],
  },
  {
    title: 'a rejected .mpy raises ValueError, with no fallback to a later entry',
    rule: 'no fallback to a later entry when loading the hit fails',
    files: { '/a/m.mpy': badMpy, '/b/m.py': '' },
    sysPath: ['', '/a', '/b'],
    imports: ['m'],
    expect: [['*', ['ValueError: incompatible .mpy file']]],
  },
  {
    title: 'after a failed load: removed from sys.modules (1.21+), left half-initialised (≤1.20)',
    rule: 'a module that fails to load leaves sys.modules on 1.21+, stays half-initialised on ≤1.20',
    files: { '/a/m.mpy': badMpy },
    sysPath: ['', '/a'],
    imports: ['m', 'm'],
    expect: [
      ['>=1.21', ['ValueError: incompatible .mpy file', 'ValueError: incompatible .mpy file']],
      // the shell left in sys.modules has only __name__ (no __file__): a probe sees a built-in-like module
      ['*', ['ValueError: incompatible .mpy file', 'builtin:m']],
    ],
  },
  {
    title: 'a package whose __init__.mpy is rejected: ≤1.20 leaves a shell with only __path__',
    rule: 'a module that fails to load leaves sys.modules on 1.21+, stays half-initialised on ≤1.20',
    files: { '/a/p/__init__.mpy': badMpy },
    sysPath: ['', '/a'],
    imports: ['p', 'p'],
    expect: [
      ['>=1.21', ['ValueError: incompatible .mpy file', 'ValueError: incompatible .mpy file']],
      ['*', ['ValueError: incompatible .mpy file', 'namespace:/a/p']],
    ],
  },
  {
    title: 'entries are concatenated literally: "/lib/" gives "/lib//m.py"',
    rule: 'the candidate path is entry + "/" + name, never normalised',
    files: { '/lib/m.py': '' },
    sysPath: ['', '/lib/'],
    imports: ['m'],
    expect: [['*', ['/lib//m.py']]],
  },
  {
    title: "a file in cwd ('' entry) has a relative __file__",
    rule: '__file__ is the path as found (a bare name through the "" entry)',
    files: { '/m.py': '' },
    imports: ['m'],
    expect: [['*', ['m.py']]],
  },
  {
    title: 'frozen mip is found through .frozen; a cwd copy overrides it',
    rule: 'frozen modules are reached only through the .frozen entry, which follows ""',
    files: {},
    imports: ['mip'],
    expect: [['>=1.20', ['frozen:mip/__init__.py']], ['*', ["ImportError: no module named 'mip'"]]],
  },
  {
    title: 'a cwd package overrides the frozen one ("" comes before .frozen)',
    rule: '"", .frozen and /lib compete in sys.path order',
    files: { '/mip/__init__.py': '' },
    imports: ['mip'],
    expect: [['*', ['mip/__init__.py']]],
  },
  {
    title: 'a /lib copy loses to frozen code … until .frozen is moved after it',
    rule: '"", .frozen and /lib compete in sys.path order',
    files: { '/lib/argparse.py': '' },
    sysPath: ['', '.frozen', '/lib'],
    imports: ['argparse'],
    expect: [['>=1.20', ['frozen:argparse.py']], ['*', ['/lib/argparse.py']]],
  },
  {
    title: '… with .frozen moved to the end, /lib wins',
    rule: '"", .frozen and /lib compete in sys.path order',
    files: { '/lib/argparse.py': '' },
    sysPath: ['', '/lib', '.frozen'],
    imports: ['argparse'],
    expect: [['*', ['/lib/argparse.py']]],
  },
  {
    title: 'without .frozen on sys.path frozen modules are unimportable',
    rule: 'no .frozen entry, no frozen modules (a MICROPYPATH without .frozen drops it)',
    files: {},
    sysPath: ['', '/lib'],
    imports: ['mip'],
    expect: [['*', ["ImportError: no module named 'mip'"]]],
  },
  {
    title: 'a frozen package __path__ is .frozen/<pkg>; an entry ".frozen/" finds nothing',
    rule: 'frozen lookup needs the exact prefix ".frozen/"; ".frozen//x" matches nothing',
    files: {},
    sysPath: ['', '.frozen/'],
    imports: ['argparse'],
    expect: [['*', ["ImportError: no module named 'argparse'"]]],
  },
  {
    title: 'an extensible built-in is shadowed by a file (1.21+) / the weak link loses to it (≤1.20)',
    rule: 'the filesystem is searched before an extensible built-in or weak link',
    files: { '/json.py': '' },
    imports: ['json'],
    expect: [['*', ['json.py']]],
  },
  {
    title: 'without a file, json is the built-in (ujson via the weak link on ≤1.20)',
    rule: 'a name not found on sys.path falls back to the built-in (its u-name on ≤1.20)',
    files: {},
    imports: ['json'],
    expect: [['>=1.21', ['builtin:json']], ['*', ['builtin:ujson']]],
  },
  {
    title: 'ujson.py is ignored: the u-name is the built-in',
    rule: 'a u-name of a built-in resolves before the filesystem',
    files: { '/ujson.py': '' },
    imports: ['ujson'],
    expect: [['>=1.21', ['builtin:json']], ['*', ['builtin:ujson']]],
  },
  {
    title: 'a non-extensible built-in cannot be shadowed',
    rule: 'a non-extensible built-in is returned before any filesystem search',
    files: { '/math.py': '', '/gc/__init__.py': '' },
    imports: ['math', 'gc'],
    expect: [['*', ['builtin:math', 'builtin:gc']]],
  },
  {
    title: 'sys.py shadows sys on ≤1.20 (registered as usys), not on 1.21+',
    rule: '≤1.20 registers sys as usys, so a sys.py can shadow sys',
    files: { '/sys.py': '' },
    imports: ['sys', 'usys'],
    // usys's module is still named 'sys'
    expect: [['>=1.21', ['builtin:sys', 'builtin:sys']], ['*', ['sys.py', 'builtin:sys']]],
  },
  {
    title: 'the missing-module error names the full dotted name; a plain module has no sub-modules',
    rule: 'ImportError names the full dotted name; only a package (__path__) has sub-modules',
    files: { '/lib/plain.py': '' },
    sysPath: ['', '/lib'],
    imports: ['nothere.sub', 'plain.sub'],
    expect: [['*', ["ImportError: no module named 'nothere'", "ImportError: no module named 'plain.sub'"]]],
  },
  {
    title: 'an empty sys.path: 1.21+ searches nothing; ≤1.20 stats the bare name in cwd',
    rule: 'an empty sys.path searches no files on 1.21+ and acts like [""] on ≤1.20',
    files: { '/json.py': '', '/mine.py': '' },
    sysPath: [],
    imports: ['json', 'mine'],
    expect: [
      ['>=1.21', ['builtin:json', "ImportError: no module named 'mine'"]],
      ['*', ['json.py', 'mine.py']],
    ],
  },
  {
    title: 'relative entries are relative to cwd and reported as written',
    rule: 'the candidate path is entry + "/" + name, never normalised',
    files: { '/lib/m.py': '' },
    sysPath: ['', 'lib'],
    imports: ['m'],
    expect: [['*', ['lib/m.py']]],
  },
];
