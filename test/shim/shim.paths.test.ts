// The LD_PRELOAD shim maps every device path into the run root: the binary sees its own device
// paths (issue "Real binaries as they are", item 1: a device path is a device path on the unix
// backend; nothing read or written outside the run root).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBinaries, NEEDS_ANY_BINARY } from '../support/realBinaries.ts';
import { shimRun } from '../support/shimRun.ts';
import { FakeNetwork } from '../unix/fakeNetwork.ts';

const binaries = allBinaries.length ? allBinaries : [undefined];

describe.skipIf(allBinaries.length === 0)(`the shim maps device paths into the run root${NEEDS_ANY_BINARY}`, () => {
  for (const info of binaries) {
    const name = info ? `${info.version} (${info.path})` : '(none)';
    it(`${name}: a write to /lib lands in <root>/lib, getcwd is /, HOME is /home`, async () => {
      const r = await shimRun(info!, new FakeNetwork({}), [
        'import os',
        'try:\n    os.mkdir("/lib")\nexcept OSError:\n    pass',
        'f = open("/lib/x.py", "w")\nf.write("X = 1\\n")\nf.close()',
        'print(os.getcwd())',
        'print(os.getenv("HOME"))',
        'import x\nprint(x.X, x.__file__)',
      ].join('\n'));
      expect(r.stdout).toEqual(['/', '/home', '1 /lib/x.py']);
      expect(new TextDecoder().decode(r.files.get('/lib/x.py'))).toBe('X = 1\n');
      expect(r.fd3).toEqual([expect.stringMatching(/^ready \d+$/)]);
    });

    it(`${name}: a '..' above / stays at / (as on a board) and is reported as an escape`, async () => {
      const r = await shimRun(info!, new FakeNetwork({}), [
        'import os',
        'try:\n    os.mkdir("/lib")\nexcept OSError:\n    pass',
        'f = open("/lib/../../../../etc/miprig-probe", "w")',
        'f.write("x")\nf.close()',
        'print(open("/etc/miprig-probe").read())',
      ].join('\n'), { before: (root) => mkdirSync(join(root, 'etc')) });
      expect(r.stdout).toEqual(['x']);
      expect(existsSync('/etc/miprig-probe')).toBe(false);
      expect(r.fd3).toContain('escape /lib/../../../../etc/miprig-probe');
    });

    it(`${name}: a host path is not reachable: /etc/passwd reads <root>/etc/passwd`, async () => {
      const r = await shimRun(info!, new FakeNetwork({}), [
        'try:\n    print(open("/etc/passwd").read())\nexcept OSError as e:\n    print("OSError", e.args[0])',
      ].join('\n'), { before: (root) => { mkdirSync(join(root, 'etc')); writeFileSync(join(root, 'etc/passwd'), 'device passwd'); } });
      expect(r.stdout).toEqual(['device passwd']);
    });

    it(`${name}: the entropy devices are read-only`, async () => {
      const r = await shimRun(info!, new FakeNetwork({}), [
        'print(len(open("/dev/urandom", "rb").read(4)))',
        'try:\n    open("/dev/urandom", "wb")\nexcept OSError as e:\n    print("OSError", e.args[0])',
      ].join('\n'));
      expect(r.stdout).toEqual(['4', 'OSError 13']);
      expect(r.fd3).toContain('escape /dev/urandom');
    });
  }
});
