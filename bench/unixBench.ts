import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { spawn } from 'node:child_process';
import { UnixBackend } from '../harness/backends/UnixBackend.ts';
import { VirtualBackend } from '../harness/backends/VirtualBackend.ts';
import { parseScenario } from '../harness/scenario/loadScenario.ts';
import type { BinaryInfo } from '../harness/unix/MicropythonBinary.ts';
import { loopbackCertificate } from '../harness/unix/tlsCertificate.ts';
import { chooseRedirection, shimEnv } from '../harness/unix/redirection.ts';
import { runProcessGroup } from '../harness/unix/processGroup.ts';
import { createRunRoot, removeRunRootSync } from '../harness/unix/runRoot.ts';
import { createWorld } from '../src/world/createWorld.ts';
import { median, round, type Figure } from './figure.ts';
import { fresh, timeRuns } from './virtualBench.ts';
import { VmBackend } from '../harness/vm/VmBackend.ts';
import { installedVms } from '../harness/vm/vmPackages.ts';
import { readInstallerSource } from '../harness/installerSource.ts';
import type { LoadedScenario } from '../harness/scenario/loadScenario.ts';

type Scheme = 'http' | 'https';

/** The typical install (3 files, 1 dependency) from an index on `scheme`. */
function scenarioText(scheme: Scheme, version: string): string {
  return `name: bench install over ${scheme}
device: { port: unix, version: ${version} }
world:
  index:
    url: ${scheme}://micropython.org/pi/v2
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
  - install: { installer: mip-cmdline, spec: sensor, index: ${scheme}://micropython.org/pi/v2 }
expect:
  outcome: done
`;
}

const ROUNDS = 60;
/** Rounds not counted: Node compiles the harness's hot paths during the first ones. */
const WARMUP = 25;

/** A static file server holding exactly the bytes the world would serve for this install. */
async function staticIndexServer(scheme: Scheme): Promise<{ server: Server; port: number }> {
  const world = await createWorld(parseScenario(scenarioText('http', '1.27.0'), 'bench').spec.world);
  const files = new Map<string, Buffer>();
  const fetchBody = async (path: string): Promise<Buffer> => {
    const res = await world.exchange({ method: 'GET', url: `http://micropython.org${path}`, scheme: 'http', host: 'micropython.org', port: 80, path, headers: [], httpVersion: '1.0' });
    const raw = Buffer.from(res.bytes);
    return raw.subarray(raw.indexOf('\r\n\r\n') + 4);
  };
  const json = await fetchBody('/pi/v2/package/6/sensor/latest.json');
  files.set('/pi/v2/package/6/sensor/latest.json', json);
  for (const [, hash] of JSON.parse(json.toString()).hashes as Array<[string, string]>) {
    const path = `/pi/v2/file/${hash.slice(0, 2)}/${hash}`;
    files.set(path, await fetchBody(path));
  }
  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'Content-Length': body?.length ?? 0, Connection: 'close' });
    res.end(body);
  };
  const server = scheme === 'https' ? createHttpsServer(await loopbackCertificate(), serve) : createHttpServer(serve);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port };
}

/** `node:child_process.spawn` with no extras: the fastest way to run the binary from Node. */
function bareRun(file: string, args: string[], home: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: home, env: { HOME: home, MICROPYPATH: `.frozen:${home}/lib` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve({ stdout, stderr }));
  });
}

/**
 * For one binary and transport: a bare `micropython -m mip install` against a static local server
 * vs the same install through the harness (world, loopback server, run root, launcher, read-back),
 * interleaved so the machine's noise falls on both alike; medians of one run.
 */
async function harnessVsBare(info: BinaryInfo, scheme: Scheme): Promise<{ bare: number; harness: number; launcher: string }> {
  const { server, port } = await staticIndexServer(scheme);
  const scenario = parseScenario(scenarioText(scheme, info.version), 'bench');
  const unix = new UnixBackend(info, { timeoutMs: 30_000 });
  const bare: number[] = [];
  const harness: number[] = [];
  let launcher = '';
  try {
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const home = await mkdtemp(join(tmpdir(), 'miprig-bench-'));
      let t = performance.now();
      // The bare baseline as cheap as Node can make it: one plain spawn, nothing else.
      const r = await bareRun(info.path, ['-m', 'mip', 'install', '--index', `${scheme}://127.0.0.1:${port}/pi/v2`, 'sensor'], home);
      const bareMs = performance.now() - t;
      await rm(home, { recursive: true, force: true });
      if (!r.stdout.includes('Done')) throw new Error(`bare install on ${info.path} did not finish: ${r.stdout} ${r.stderr}`);
      const once = fresh(scenario); // as in a corpus run: the world's routes are built in the run
      t = performance.now();
      const obs = await unix.run(once);
      const harnessMs = performance.now() - t;
      if (obs.outcome.kind !== 'done') throw new Error(`harness install on ${info.path} ended ${obs.outcome.kind}: ${obs.output.join(' | ')}`);
      launcher = obs.launcher ?? '';
      if (i >= WARMUP) {
        bare.push(bareMs);
        harness.push(harnessMs);
      }
    }
  } finally {
    server.close();
    await unix.stop();
  }
  return { bare: median(bare), harness: median(harness), launcher };
}

// Run as `-m _miprig_probe`, bare and under the harness's redirection: what the process holds on
// its GC heap and how deep Python can recurse. Any difference is the harness's footprint.
/** bench/footprint_probe.py: the same module run bare and under the harness. */
const FOOTPRINT_PROBE = readFileSync(new URL('./footprint_probe.py', import.meta.url), 'utf8');

/**
 * The harness's footprint on the binary it drives: GC heap bytes and Python frames, measured as
 * the difference between the same probe module run bare and under the LD_PRELOAD shim exactly as
 * a scenario step runs (run root, device paths, loopback port).
 */
async function footprint(info: BinaryInfo): Promise<{ heapBytes: number; frames: number; how: string }> {
  const redirection = await chooseRedirection(info);
  const dir = await mkdtemp(join(tmpdir(), 'miprig-bench-'));
  try {
    await writeFile(join(dir, '_miprig_probe.py'), FOOTPRINT_PROBE);
    const bare = await execa(info.path, ['-m', '_miprig_probe'], { cwd: dir, env: { HOME: dir, MICROPYPATH: `.frozen:${dir}` }, extendEnv: false, reject: false });
    if (redirection.kind !== 'shim') return { heapBytes: NaN, frames: NaN, how: `launcher fallback: ${redirection.reason}` };
    const root = await createRunRoot();
    try {
      await writeFile(join(root, '_miprig_probe.py'), FOOTPRINT_PROBE);
      const under = await runProcessGroup(info.path, ['-m', '_miprig_probe'], {
        cwd: root,
        env: shimEnv({ library: redirection.library, root, port: 9, path: ['.frozen', '/'] }),
        timeoutMs: 10_000,
      });
      const [bHeap, bDepth] = bare.stdout.trim().split(' ').map(Number) as [number, number];
      const [uHeap, uDepth] = (under.stdout[0] ?? '').split(' ').map(Number) as [number, number];
      return { heapBytes: uHeap - bHeap, frames: bDepth - uDepth, how: redirection.description };
    } finally {
      removeRunRootSync(root);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Harness overhead for one real binary (bare install vs the same install through the harness),
 * and the harness run vs the virtual device on the same scenario.
 */
export async function benchUnix(info: BinaryInfo): Promise<Figure[]> {
  const tag = `unix ${info.version}`;
  const figures: Figure[] = [];
  const fp = await footprint(info);
  process.stdout.write(`${tag}: redirection ${fp.how}\n`);
  figures.push(
    { name: `${tag}: harness footprint, GC heap bytes (under the harness − bare)`, value: fp.heapBytes, unit: 'bytes', target: { text: '0', met: fp.heapBytes === 0 } },
    { name: `${tag}: harness footprint, Python frames (bare − under the harness)`, value: fp.frames, unit: 'frames', target: { text: '0', met: fp.frames === 0 } },
  );
  let httpHarness = 0;
  let httpBare = 0;
  // Over plain HTTP: with TLS, a bare binary (Nagle on, talking to a server that delays its
  // ACKs) spends ~40 ms per request waiting, which the shim's TCP_NODELAY avoids — the harness
  // would look faster than the bare binary. HTTP shows the harness's own fixed cost.
  for (const scheme of ['http'] as const) {
    const { bare: b, harness: h, launcher } = await harnessVsBare(info, scheme);
    httpHarness = h;
    httpBare = b;
    if (launcher) process.stdout.write(`${tag}: launcher ${launcher}\n`);
    figures.push(
      { name: `${tag} ${scheme}: bare -m mip install, static server, median`, value: round(b, 2), unit: 'ms' },
      { name: `${tag} ${scheme}: same install through the harness, median`, value: round(h, 2), unit: 'ms' },
      { name: `${tag} ${scheme}: harness overhead per scenario`, value: round(h - b, 2), unit: 'ms' },
      { name: `${tag} ${scheme}: harness / bare`, value: round(h / b, 2), unit: 'ratio', target: { text: '≤ 1.3×', met: h / b <= 1.3 } },
    );
  }
  const scenario = parseScenario(scenarioText('http', info.version), 'bench');
  const v = median(await timeRuns(new VirtualBackend(info.version), scenario, { warmup: 200, rounds: 500 }));
  figures.push(
    { name: `${tag}: virtual device on the same scenario, median`, value: round(v, 3), unit: 'ms' },
    { name: `${tag}: unix harness / virtual`, value: round(httpHarness / v, 1), unit: 'ratio', target: { text: 'virtual ≥ 5× faster', met: httpHarness / v >= 5 } },
  );
  figures.push(...(await vmFigures(tag, info, scenario, httpBare)));
  return figures;
}

/**
 * The same install on the vm backend (MicroPython's webassembly VM of that release, running the
 * installer sources of MIPRIG_INSTALLER_SRC, a micropython-lib checkout), next to the bare binary.
 * Skipped, with the reason, without a VM of that release or without sources.
 */
async function vmFigures(tag: string, info: BinaryInfo, scenario: LoadedScenario, bare: number): Promise<Figure[]> {
  const src = process.env['MIPRIG_INSTALLER_SRC'];
  const vm = installedVms().find((v) => v.version === info.version);
  if (!vm || !src) {
    process.stdout.write(`${tag}: vm skipped (${!vm ? `no micropython-vm-${info.version} installed` : 'set MIPRIG_INSTALLER_SRC to a micropython-lib checkout'})\n`);
    return [];
  }
  const backend = new VmBackend({ installerSource: readInstallerSource(src), timeoutMs: 30_000, vms: [vm] });
  try {
    const t = median(await timeRuns(backend, scenario, { warmup: 5, rounds: 30 }));
    return [
      { name: `${tag}: vm (webassembly ${vm.version}) on the same scenario, median`, value: round(t, 2), unit: 'ms' },
      { name: `${tag}: vm / bare binary`, value: round(t / bare, 2), unit: 'ratio', target: { text: '≤ 1× (goal: not slower than the bare binary)', met: t <= bare } },
    ];
  } finally {
    await backend.stop();
  }
}
