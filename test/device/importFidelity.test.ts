/**
 * The import table of importCases.ts run on the real unix binaries given in MIPRIG_MICROPYTHON
 * (see test/support/realBinaries.ts; a version without a binary is skipped). Each case's files are
 * written under a temporary root that stands for the device's `/`; the binary runs there with
 * `sys.path` set in place, and its answers are compared with the virtual device's.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_CASES } from './importCases.ts';
import { makeDevice, origin } from './makeDevice.ts';
import { binaryFor, skipNote } from '../support/realBinaries.ts';

const VERSIONS = ['1.19.1', '1.20.0', '1.22.2', '1.24.1', '1.27.0'];

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Python that prints one line per import in the form `origin()` of makeDevice.ts uses. */
function script(root: string, sysPath: string[] | undefined, names: string[]): string {
  const mapped = sysPath?.map((e) => (e.startsWith('/') ? root + e : e));
  return [
    'import sys, os',
    mapped ? `sys.path[:] = ${JSON.stringify(mapped)}` : '',
    `ROOT = ${JSON.stringify(root)}`,
    'def show(name):',
    '    try:',
    '        m = __import__(name)',
    "        for p in name.split('.')[1:]:",
    '            m = getattr(m, p)',
    "        f = getattr(m, '__file__', None)",
    '        if f is None:',
    "            p = getattr(m, '__path__', None)",
    "            return ('namespace:' + p) if p is not None else ('builtin:' + m.__name__)",
    '        try:',
    '            os.stat(f)',
    '        except OSError:',
    "            return 'frozen:' + f",
    '        return f',
    '    except Exception as e:',
    "        return type(e).__name__ + ': ' + str(e)",
    `for n in ${JSON.stringify(names)}:`,
    "    print(show(n).replace(ROOT, ''))",
  ].join('\n');
}

describe('virtual imports match the real unix binaries', () => {
  for (const c of IMPORT_CASES) {
    describe(c.title, () => {
      for (const version of VERSIONS) {
        const bin = binaryFor(version);
        it.skipIf(!bin)(`${version}${skipNote(version)}`, () => {
          const root = mkdtempSync(join(tmpdir(), 'miprig-import-'));
          roots.push(root);
          mkdirSync(join(root, 'home'));
          for (const [path, content] of Object.entries(c.files)) {
            mkdirSync(dirname(join(root, path)), { recursive: true });
            writeFileSync(join(root, path), content);
          }
          const run = spawnSync(bin!.path, ['-c', script(root, c.sysPath ?? undefined, c.imports)], {
            cwd: root,
            env: { HOME: join(root, 'home') },
            encoding: 'utf8',
          });
          const real = run.stdout.trim().split('\n');
          const dev = makeDevice({ port: 'unix', version, ...(c.sysPath ? { sysPath: c.sysPath } : {}) }, c.files);
          expect(c.imports.map((n) => origin(dev, n))).toEqual(real);
        });
      }
    });
  }
});
