import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { UnixBackend } from '../harness/backends/UnixBackend.ts';
import { VirtualBackend } from '../harness/backends/VirtualBackend.ts';
import { parseScenario } from '../harness/scenario/loadScenario.ts';
import type { BinaryInfo } from '../harness/unix/MicropythonBinary.ts';
import { createWorld } from '../src/world/createWorld.ts';
import { median, round, type Figure } from './figure.ts';

/**
 * The same install as the typical scenario, over plain HTTP so that the bare baseline and the
 * harness pay the same transport (TLS handshakes would dominate both and hide the overhead).
 */
const SCENARIO = `name: bench two-package install over http
device: { port: unix, version: 1.27.0 }
world:
  index:
    url: http://micropython.org/pi/v2
    packages:
      sensor:
        versions:
          "1.0":
            files:
              sensor/__init__.py: "from .core import read\\n"
              sensor/core.py: "def read():\\n    return 42\\n"
            deps: [ringbuf]
      ringbuf:
        versions:
          "0.3": { files: { ringbuf.py: "class RingBuf:\\n    pass\\n" } }
steps:
  - install: { installer: mip-cmdline, spec: sensor, index: http://micropython.org/pi/v2 }
expect:
  outcome: done
`;

const ROUNDS = 40;

/** A static file server holding exactly the bytes the world would serve for this install. */
async function staticIndexServer(): Promise<{ server: Server; port: number }> {
  const scenario = parseScenario(SCENARIO, 'bench');
  const world = await createWorld(scenario.spec.world);
  const files = new Map<string, Buffer>();
  const fetchBody = async (url: string): Promise<Buffer> => {
    const u = new URL(url);
    const res = await world.exchange({ method: 'GET', url, scheme: 'http', host: u.hostname, port: 80, path: u.pathname, headers: [], httpVersion: '1.0' });
    const text = Buffer.from(res.bytes);
    return text.subarray(text.indexOf('\r\n\r\n') + 4);
  };
  const json = await fetchBody('http://micropython.org/pi/v2/package/6/sensor/latest.json');
  files.set('/pi/v2/package/6/sensor/latest.json', json);
  for (const [, hash] of JSON.parse(json.toString()).hashes as Array<[string, string]>) {
    const path = `/pi/v2/file/${hash.slice(0, 2)}/${hash}`;
    files.set(path, await fetchBody(`http://micropython.org${path}`));
  }
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'Content-Length': body?.length ?? 0, Connection: 'close' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port };
}

/**
 * For one real binary: a bare `micropython -m mip install` against a static local server vs the
 * same install through the harness (world, loopback server, run root, launcher, read-back), and
 * the harness run vs the virtual device on the same scenario. Medians of one run each.
 */
export async function benchUnix(info: BinaryInfo): Promise<Figure[]> {
  const { server, port } = await staticIndexServer();
  const scenario = parseScenario(SCENARIO.replace('version: 1.27.0', `version: ${info.version}`), 'bench');
  const unix = new UnixBackend(info, { timeoutMs: 30_000 });
  const bare: number[] = [];
  const harness: number[] = [];
  try {
    // Interleaved, so the machine's noise falls on both alike; the first rounds warm up.
    for (let i = 0; i < ROUNDS + 3; i++) {
      const home = await mkdtemp(join(tmpdir(), 'miprig-bench-'));
      let t = performance.now();
      const r = await execa(info.path, ['-m', 'mip', 'install', '--index', `http://127.0.0.1:${port}/pi/v2`, 'sensor'], {
        cwd: home,
        env: { HOME: home, MICROPYPATH: `.frozen:${home}/lib` },
        extendEnv: false,
        reject: false,
      });
      const bareMs = performance.now() - t;
      await rm(home, { recursive: true, force: true });
      if (!r.stdout.includes('Done')) throw new Error(`bare install on ${info.path} did not finish: ${r.stdout} ${r.stderr}`);
      t = performance.now();
      const obs = await unix.run(scenario);
      const harnessMs = performance.now() - t;
      if (obs.outcome.kind !== 'done') throw new Error(`harness install on ${info.path} ended ${obs.outcome.kind}: ${obs.output.join(' | ')}`);
      if (i >= 3) {
        bare.push(bareMs);
        harness.push(harnessMs);
      }
    }
  } finally {
    server.close();
  }
  await unix.stop();
  const virtual = new VirtualBackend(info.version);
  for (let i = 0; i < 200; i++) await virtual.run(scenario);
  const model: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await virtual.run(scenario);
    model.push(performance.now() - t);
  }
  const [b, h, v] = [median(bare), median(harness), median(model)];
  const tag = `unix ${info.version}`;
  return [
    { name: `${tag}: bare -m mip install, static server, median`, value: round(b, 2), unit: 'ms' },
    { name: `${tag}: same install through the harness, median`, value: round(h, 2), unit: 'ms' },
    { name: `${tag}: harness / bare`, value: round(h / b, 2), unit: 'ratio', target: { text: '≤ 1.3×', met: h / b <= 1.3 } },
    { name: `${tag}: harness overhead per scenario (harness − bare)`, value: round(h - b, 2), unit: 'ms' },
    { name: `${tag}: virtual device on the same scenario, median`, value: round(v, 3), unit: 'ms' },
    { name: `${tag}: unix harness / virtual`, value: round(h / v, 1), unit: 'ratio', target: { text: 'virtual ≥ 5× faster', met: h / v >= 5 } },
  ];
}
