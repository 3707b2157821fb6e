// Each harness/unix/python/*.py run on each real binary from MIPRIG_MICROPYTHON: it compiles, and
// the piece does what the harness relies on (fixed inputs, exact outputs where they are fixed).
import { readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import {
  DECOMPRESS,
  LAUNCHER_FILE,
  LAUNCHER_MODULE,
  LEAF,
  ORIGIN,
  launcherCoreSource,
  launcherSource,
  type LauncherStep,
} from '../../harness/unix/launcher.ts';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { runMicropython, type BinaryInfo } from '../../harness/unix/MicropythonBinary.ts';
import { pythonSource } from '../../harness/unix/python/pythonSource.ts';
import { pyLiteral } from '../../harness/unix/pyLiteral.ts';
import { createRunRoot, removeRunRoot } from '../../harness/unix/runRoot.ts';
import { NEEDS_ANY_BINARY, allBinaries } from '../support/realBinaries.ts';

const pythonDir = fileURLToPath(new URL('../../harness/unix/python/', import.meta.url));
const pyFiles = readdirSync(pythonDir)
  .filter((f) => f.endsWith('.py'))
  .sort()
  .map((f) => path.join(pythonDir, f));

const PAYLOAD = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i % 97}\n`).join('').slice(0, 5000));
/** [path, binary] per binary from MIPRIG_MICROPYTHON; one placeholder row when there is none (skipped). */
const cases: Array<[string, BinaryInfo | undefined]> = allBinaries.length ? allBinaries.map((info) => [info.path, info]) : [['(none given)', undefined]];

/** A fresh run root per test; removed afterwards. */
async function inRoot<T>(body: (root: string) => Promise<T>): Promise<T> {
  const root = await createRunRoot();
  try {
    return await body(root);
  } finally {
    await removeRunRoot(root);
  }
}

/** `micropython -c SOURCE` in `root`, the harness's usual environment; stdout lines, or the failure. */
async function runC(info: BinaryInfo, root: string, source: string, heapsize?: string): Promise<string[]> {
  const r = await runMicropython(info, { runRoot: root, args: ['-c', source], timeoutMs: 20_000, ...(heapsize ? { heapsize } : {}) });
  expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 0, stderr: [] });
  return r.stdout;
}

describe.skipIf(!allBinaries.length)(`harness/unix/python/*.py on real binaries${NEEDS_ANY_BINARY}`, () => {
  it.each(cases)('%s: every file compiles', async (_path, info) => {
    await inRoot(async (root) => {
      const out = await runC(info!, root, `for f in ${pyLiteral(pyFiles)}:\n    compile(open(f).read(), f, 'exec')\n    print('compiled ' + f)\n`);
      expect(out).toEqual(pyFiles.map((f) => `compiled ${f}`));
    });
  });

  it.each(cases)('%s: leaf.py + import_origin.py name where each module came from', async (_path, info) => {
    await inRoot(async (root) => {
      const lib = path.join(root, 'home/.micropython/lib');
      await mkdir(path.join(lib, 'lpkg'), { recursive: true });
      await mkdir(path.join(lib, 'nspkg'), { recursive: true });
      await writeFile(path.join(root, 'cwdmod.py'), 'x = 1\n');
      await writeFile(path.join(lib, 'lpkg/__init__.py'), '');
      await writeFile(path.join(lib, 'lpkg/sub.py'), '');
      await writeFile(path.join(lib, 'nspkg/m.py'), '');
      const modules = ['sys', info!.installer!, 'cwdmod', 'lpkg', 'lpkg.sub', 'nspkg', 'nothere'];
      const out = await runC(info!, root, `${LEAF}${ORIGIN}for n in ${pyLiteral(modules)}:\n    print(n + ' ' + _miprig_origin(n))\n`);
      expect(out).toEqual([
        'sys builtin',
        `${info!.installer} frozen`,
        `cwdmod ${root}/cwdmod.py`,
        `lpkg ${lib}/lpkg/__init__.py`,
        `lpkg.sub ${lib}/lpkg/sub.py`,
        'nspkg namespace',
        "nothere ImportError: no module named 'nothere'",
      ]);
    });
  });

  it.each(cases)('%s: decompress.py reads gzip, zlib and raw deflate to the end, and names what a broken stream raises', async (_path, info) => {
    await inRoot(async (root) => {
      await writeFile(path.join(root, 'a.gz'), gzipSync(PAYLOAD));
      await writeFile(path.join(root, 'a.z'), deflateSync(PAYLOAD));
      await writeFile(path.join(root, 'a.raw'), deflateRawSync(PAYLOAD));
      await writeFile(path.join(root, 'bad.gz'), 'not compressed at all');
      const calls = [
        ['a.gz', 'gzip'],
        ['a.z', 'zlib'],
        ['a.raw', 'raw'],
        ['bad.gz', 'gzip'],
      ].map(([file, fmt]) => `print(_miprig_decompress(${pyLiteral(file!)}, ${pyLiteral(fmt!)}, 15))\n`);
      const out = await runC(info!, root, `${DECOMPRESS}${calls.join('')}`);
      expect(out.slice(0, 3)).toEqual(['ok 5000', 'ok 5000', 'ok 5000']);
      // 1.19.1: `ValueError: compression header`; from 1.21 (deflate): `OSError: [Errno 22] EINVAL`.
      expect(out[3]).toMatch(/^(ValueError|OSError): \S/);
      expect(out).toHaveLength(4);
    });
  });

  it.each(cases)('%s: probe_binary.py prints the facts probeBinary parses', async (_path, info) => {
    await inRoot(async (root) => {
      const out = await runC(info!, root, pythonSource('probe_binary'));
      expect(out).toEqual(
        expect.arrayContaining([
          `version=${info!.version}`,
          `mpy=${info!.mpy ?? 'None'}`,
          `installer=${info!.installer ?? ''}`,
          `tls=${info!.tls ?? ''}`,
        ]),
      );
    });
  });

  it.each(cases)('%s: probe_startup.py prints start-up heap and recursion depth at a 64K heap', async (_path, info) => {
    await inRoot(async (root) => {
      const out = await runC(info!, root, pythonSource('probe_startup'), '64K');
      expect(out).toHaveLength(2);
      expect(out[0]).toMatch(/^startup=[1-9]\d*$/);
      expect(out[1]).toMatch(/^depth=[1-9]\d*$/);
    });
  });

  it.each(cases)('%s: probe_modules.py lists the built-in modules', async (_path, info) => {
    await inRoot(async (root) => {
      const names = (await runC(info!, root, pythonSource('probe_modules'))).flatMap((l) => l.trim().split(/\s+/));
      expect(names).toEqual(expect.arrayContaining(['gc', '__main__']));
    });
  });

  describe('probe_tls.py', () => {
    let server: LoopbackServer;
    let ports: Record<number, number>;
    beforeAll(async () => {
      server = new LoopbackServer(await createWorld(worldSpec.parse({ strict: false })));
      ports = (await server.start()).portMap;
    });
    afterAll(() => server?.stop());

    it.each(cases)('%s: one handshake through the launcher redirection: tlsheap=<bytes>', async (_path, info) => {
      if (info!.tls === null) return; // no TLS module: the probe is not run (buildFacts skips it too)
      await inRoot(async (root) => {
        const boot = `${pythonSource('launcher_boot')}_miprig_boot(${pyLiteral(root)}, dict(${pyLiteral(Object.entries(ports).map(([d, l]) => [Number(d), l]))}), None, True)\n`;
        const out = await runC(info!, root, `${boot}${pythonSource('probe_tls')}`);
        // Builds on Debian's mbedTLS also print its debug lines (`DBG:…` and blank ones).
        expect(out.filter((l) => /^[a-z]+=/.test(l))).toEqual([expect.stringMatching(/^tlsheap=[1-9]\d*$/)]);
      });
    });
  });

  it.each(cases)('%s: launcher_core_check.py finds _miprig_boot in the launcher core', async (_path, info) => {
    await inRoot(async (root) => {
      await writeFile(path.join(root, '_miprig_core.py'), launcherCoreSource());
      expect(await runC(info!, root, pythonSource('launcher_core_check'))).toEqual(['miprig-core True']);
    });
  });

  describe.each(['inline', 'module'] as const)('the launcher, %s', (core) => {
    /** Run one step through the launcher (`module`: its functions from `_miprig_core.py` beside it). */
    async function launch(info: BinaryInfo, root: string, step: LauncherStep): Promise<{ exitCode: number | null; stdout: string[]; stderr: string[] }> {
      if (core === 'module') await writeFile(path.join(root, '_miprig_core.py'), launcherCoreSource());
      await writeFile(
        path.join(root, LAUNCHER_FILE),
        launcherSource({ runRoot: root, portMap: { 80: 1, 443: 2 }, sysPath: ['', '.frozen', path.join(root, 'lib')], core, step }),
      );
      const r = await runMicropython(info, { runRoot: root, args: ['-m', LAUNCHER_MODULE], timeoutMs: 20_000 });
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    }

    it.each(cases)('%s: main runs a package as `-m` does, with its argv', async (_path, info) => {
      await inRoot(async (root) => {
        await mkdir(path.join(root, 'lib/clitool'), { recursive: true });
        await writeFile(path.join(root, 'lib/clitool/__init__.py'), "print('init', __name__)\n");
        await writeFile(path.join(root, 'lib/clitool/__main__.py'), "import sys\nprint('main', __name__, sys.argv)\n");
        const argv = ['a b', "it's", 'x\ty'];
        const bare = await runMicropython(info!, { runRoot: root, args: ['-m', 'clitool', ...argv], devicePath: ['.frozen', '/lib'] });
        expect(bare.stdout).toEqual(['init clitool', `main __main__ ['clitool', 'a b', "it's", 'x\\ty']`]);
        expect(await launch(info!, root, { kind: 'main', module: 'clitool', argv })).toEqual({ exitCode: 0, stdout: bare.stdout, stderr: [] });
      });
    });

    it.each(cases)('%s: call sets attributes in order and prints the result', async (_path, info) => {
      await inRoot(async (root) => {
        await writeFile(path.join(root, 'callee.py'), 'log = []\ndef f(*a, **k):\n    return [A, B, log, a, sorted(k.items())]\n');
        const r = await launch(info!, root, {
          kind: 'call',
          module: 'callee',
          func: 'f',
          args: ['p', 2, null, new Uint8Array([0, 39])],
          kwargs: { flag: true, n: { k: [1] } },
          attributes: { A: [1, 'two'], B: 'b' },
        });
        expect(r).toEqual({
          exitCode: 0,
          stdout: [`miprig-result: [[1, 'two'], 'b', [], ('p', 2, None, b"\\x00'"), [('flag', True), ('n', {'k': [1]})]]`],
          stderr: [],
        });
      });
    });

    it.each(cases)('%s: imports prints one miprig-import line per module', async (_path, info) => {
      await inRoot(async (root) => {
        await writeFile(path.join(root, 'cwdmod.py'), '');
        const r = await launch(info!, root, { kind: 'imports', modules: ['sys', info!.installer!, 'cwdmod', 'nothere'] });
        expect(r).toEqual({
          exitCode: 0,
          stdout: [
            'miprig-import: sys builtin',
            `miprig-import: ${info!.installer} frozen`,
            `miprig-import: cwdmod ${root}/cwdmod.py`,
            "miprig-import: nothere ImportError: no module named 'nothere'",
          ],
          stderr: [],
        });
      });
    });

    it.each(cases)('%s: decompress prints the key, a tab and the result', async (_path, info) => {
      await inRoot(async (root) => {
        await writeFile(path.join(root, 'a.gz'), gzipSync(PAYLOAD));
        const r = await launch(info!, root, { kind: 'decompress', key: "it's a key", file: path.join(root, 'a.gz'), format: 'gzip', wbits: 15 });
        expect(r).toEqual({ exitCode: 0, stdout: ["miprig-decompress: it's a key\tok 5000"], stderr: [] });
      });
    });

    it.each(cases)('%s: a write outside the run root is refused and reported', async (_path, info) => {
      await inRoot(async (root) => {
        await writeFile(path.join(root, 'writer.py'), "def w(p):\n    try:\n        open(p, 'w')\n    except OSError as e:\n        return e.args[0]\n");
        const outside = `${path.dirname(root)}/miprig-never-written-${path.basename(root)}`;
        const r = await launch(info!, root, { kind: 'call', module: 'writer', func: 'w', args: [outside] });
        expect(r).toEqual({ exitCode: 0, stdout: ['miprig-result: 13'], stderr: [`miprig-escape: ${outside}`] });
      });
    });
  });
});
