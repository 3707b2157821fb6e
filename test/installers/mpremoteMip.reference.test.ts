// The mpremote mip model (src/installers/mpremoteMip.ts) checked against mpremote's own mip.py,
// run by CPython from a micropython checkout (MIPRIG_MPREMOTE_SRC) on the same world through the
// loopback server: printed lines, exit status, requests and the files written must agree. Skips,
// saying why, without a checkout or without python3.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { buildDevice } from '../../src/device/buildDevice.ts';
import { mpremoteCmdline } from '../../src/installers/mpremoteMip.ts';
import { PyException } from '../../src/py/PyException.ts';
import { createWorld } from '../../src/world/createWorld.ts';

const checkout = process.env['MIPRIG_MPREMOTE_SRC'];
const python = spawnSync('python3', ['--version']).status === 0;
const mpconfig = checkout ? join(checkout, 'py/mpconfig.h') : '';
const release = mpconfig && existsSync(mpconfig)
  ? ['MAJOR', 'MINOR', 'MICRO'].map((p) => new RegExp(`#define MICROPY_VERSION_${p} (\\d+)`).exec(readFileSync(mpconfig, 'utf8'))?.[1]).join('.')
  : undefined;
const SKIP = !checkout ? ' (skipped: set MIPRIG_MPREMOTE_SRC to a micropython checkout)' : !python ? ' (skipped: needs python3)' : !release ? ` (skipped: ${checkout} is no micropython checkout)` : '';
const PROBE = new URL('./mpremote_mip_probe.py', import.meta.url).pathname;

const CASES: Record<string, { world: string; argv: string[]; sysPath?: string[] }> = {
  'an index install': { world: 'index: { packages: { hello: { versions: { "1.0": { files: { hello.py: "X = 1\\n" } } } } } }', argv: ['install', 'hello'] },
  'a pinned version, --no-mpy': { world: 'index: { packages: { hello: { versions: { "1.0": { files: { hello.py: "X = 1\\n" } }, "2.0": { files: { hello.py: "X = 2\\n" } } } } } }', argv: ['install', '--no-mpy', 'hello@1.0'] },
  'a chunked package JSON': { world: 'index: { packages: { hello: { versions: { "0.2": { files: { hello.py: "X = 1\\n" } } } } } }\nfaults: [{ on: { url: "https://micropython.org/pi/v2/package/6/hello/latest.json" }, chunked: true }]', argv: ['install', 'hello'] },
  'a relative redirect': { world: 'http: { "https://example.com/new/tool.py": "X = 1\\n" }\nfaults: [{ on: { url: "https://example.com/old/tool.py" }, redirect: { location: /new/tool.py, status: 302 } }]', argv: ['install', 'https://example.com/old/tool.py'] },
  'a missing dependency': {
    world: 'github: { pete/app: { refs: { main: { app.py: "import helper\\n", package.json: { json: { urls: [[app.py, "github:pete/app/app.py"]], deps: [["github:pete/helper", "main"]] } } } } }, pete/helper: { refs: { main: { helper.py: "X = 1\\n" } } } }',
    argv: ['install', 'github:pete/app@main'],
  },
  'an unknown package': { world: 'index: { packages: {} }', argv: ['install', 'nosuch'] },
  'invalid package JSON': { world: 'index: { packages: { hello: { versions: { "1.0": { files: { hello.py: "X\\n" } } } } } }\nfaults: [{ on: { url: "https://micropython.org/pi/v2/package/6/hello/latest.json" }, invalidJson: true }]', argv: ['install', 'hello'] },
  'no lib dir on sys.path': { world: 'index: { packages: {} }', argv: ['install', 'hello'], sysPath: ['', '.frozen'] },
};

function files(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, files(p, `${prefix}/${name}`));
    else out[`${prefix}/${name}`] = readFileSync(p).toString('latin1');
  }
  return out;
}

describe(`mpremote mip: the model agrees with mpremote's own mip.py${SKIP}`, () => {
  const cleanup: Array<() => unknown> = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });
  for (const [name, c] of Object.entries(CASES)) {
    it.skipIf(SKIP !== '')(name, async () => {
      const spec = parseScenario(`name: c\ndevice: { port: unix, version: ${release}${c.sysPath ? `, sysPath: ${JSON.stringify(c.sysPath)}` : ''} }\nworld:\n  ${c.world.replace(/\n/g, '\n  ')}\nsteps: [{ import: sys }]\n`, 'c.yaml').spec;
      // The model.
      const device = await buildDevice(spec.device);
      const before = new Set(device.fs.snapshot().keys());
      const ours = await createWorld(spec.world);
      let exit: number;
      try {
        exit = (await mpremoteCmdline(device, ours, ['mip', ...c.argv], release!)).exitCode;
      } catch (err) {
        if (!(err instanceof PyException)) throw err;
        device.print('Traceback (most recent call last):');
        device.print(err.line);
        exit = 1;
      }
      const written = Object.fromEntries([...device.fs.snapshot()].filter(([p]) => !before.has(p)).map(([p, b]) => [p, Buffer.from(b).toString('latin1')]));
      // mpremote's mip.py on the same world.
      const real = await createWorld(spec.world);
      const server = new LoopbackServer(real);
      cleanup.push(() => server.stop());
      const { httpPort } = await server.start();
      const root = mkdtempSync(join(tmpdir(), 'miprig-mpremote-'));
      cleanup.push(() => rmSync(root, { recursive: true, force: true }));
      const r = await promisify(execFile)('python3', [PROBE, join(checkout!, 'tools/mpremote'), String(httpPort), root, JSON.stringify(device.sysPath), String(device.mpy ?? 0), JSON.stringify(c.argv)], { encoding: 'utf8', timeout: 30_000 });
      const reference = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { lines: string[]; exit: number };
      expect({ lines: device.output, exit }).toEqual(reference);
      expect(ours.log.map((l) => `${l.method} ${l.url} ${l.status}`)).toEqual(real.log.map((l) => `${l.method} ${l.url} ${l.status}`));
      expect(written).toEqual(files(root));
    });
  }
});
