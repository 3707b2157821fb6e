import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { installerModule } from '../../src/installers/installerVersions.ts';
import { normaliseInstall } from '../../src/installers/installArgv.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import type { World } from '../../src/world/World.ts';
import type { Backend } from '../backends/Backend.ts';
import type { InstallerSource } from '../installerSource.ts';
import { unmatchedRequests, type Observation } from '../observation/Observation.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { runSteps } from '../steps/runSteps.ts';
import { stepsObservation } from '../steps/stepsObservation.ts';
import { hostCertificates } from '../unix/hostCertificates.ts';
import { LoopbackServer } from '../unix/LoopbackServer.ts';
import { pendingNetwork } from '../unix/pendingNetwork.ts';
import { createRunRoot, removeRunRootSync } from '../unix/runRoot.ts';
import { deviceResetSource, VmPool } from '../vm/VmPool.ts';
import { installerSourceGap, openScenarioVm, vmDeviceGap, vmFilesAfter } from '../vm/scenarioVm.ts';
import { installedVms, vmFor, type VmPackage } from '../vm/vmPackages.ts';
import { MpremoteSession } from './MpremoteSession.ts';
import type { MpremoteTool } from './mpremoteTool.ts';
import { HostProxy } from './HostProxy.ts';

/** Run roots of mpremote runs in progress in this process. */
const liveRoots = new Set<string>();
// A process that exits in the middle of a run (a second Ctrl-C, process.exit) leaves nothing behind.
process.once('exit', () => {
  for (const root of liveRoots) rmSync(root, { recursive: true, force: true });
});

/**
 * Real mpremote as a backend: the user's own mpremote, unmodified, runs `mpremote connect
 * /dev/pts/N mip install …` against a device miprig serves on a pseudo-terminal — the raw REPL
 * protocol (RawReplDevice.ts) in front of a real MicroPython VM holding the scenario's device
 * files — and its downloads go through an HTTP proxy (HostProxy.ts) to the same world, over TLS
 * with a certificate per host signed by a CA of this run that mpremote trusts through
 * `SSL_CERT_FILE`. Other install steps (on-device `mip`) run on that VM as on the vm backend,
 * with `--installer-src`, so a differential scenario compares both on one device.
 *
 * @example
 * const backend = new MpremoteBackend(findMpremote('../micropython'), { timeoutMs: 30_000 });
 * await backend.start();
 * const obs = await backend.run(scenario);
 * await backend.stop();
 */
export class MpremoteBackend implements Backend {
  readonly name: string;
  /** The tool under test is the real mpremote: its lines, requests and exit status are evidence. */
  readonly kind = 'real';
  private readonly vms: VmPackage[];
  private readonly pool = new VmPool();
  /** A loopback server with its proxy per run in flight (`--jobs`), kept for the next run. */
  private readonly idleRoutes: Route[] = [];
  private readonly allRoutes: Route[] = [];
  private readonly roots = new Set<string>();
  private started = false;

  constructor(
    readonly tool: MpremoteTool,
    private readonly options: { timeoutMs: number; installerSource?: InstallerSource; vms?: VmPackage[] },
  ) {
    this.vms = options.vms ?? installedVms();
    this.name = `mpremote:${tool.version}`;
  }

  /** Checks what it needs and makes this run's CA. Idempotent. */
  async start(): Promise<void> {
    if (this.started) return;
    if (this.vms.length === 0) throw new Error('the mpremote backend needs a MicroPython VM for its device: install the optional dependencies micropython-vm-* (npm i)');
    await hostCertificates();
    this.started = true;
  }

  /** Close the proxies and servers, end the VMs, remove run roots. Idempotent. */
  async stop(): Promise<void> {
    await this.pool.stop();
    await Promise.all(this.allRoutes.map(async ({ proxy, server }) => (await proxy.stop(), await server.stop())));
    this.allRoutes.length = 0;
    this.idleRoutes.length = 0;
    for (const root of this.roots) {
      removeRunRootSync(root);
      liveRoots.delete(root);
    }
    this.roots.clear();
  }

  private async route(): Promise<Route> {
    const idle = this.idleRoutes.pop();
    if (idle) return idle;
    const certificates = await hostCertificates();
    const server = new LoopbackServer(pendingNetwork(() => Promise.reject(new Error('no world yet'))), { contextForHost: (host) => certificates.contextFor(host) });
    const ports = await server.start();
    const proxy = new HostProxy(() => ports.httpPort);
    const route = { server, proxy };
    this.allRoutes.push(route);
    return route;
  }

  skipReason(scenario: LoadedScenario): string | undefined {
    const spec = scenario.spec;
    let mpremoteSteps = 0;
    for (const step of spec.steps) {
      if ('copy' in step) return 'cross-install (copy) steps run on the virtual device only';
      if (!('install' in step)) continue;
      const installer = normaliseInstall(step.install).installer;
      if (installer === 'mpremote') {
        mpremoteSteps++;
        continue;
      }
      const module = installerModule(installer);
      if (module === undefined) return 'micropip runs on CPython, not on MicroPython';
      const missing = installerSourceGap(module, this.options.installerSource, `an on-device ${module} step runs on the VM behind mpremote's port, which freezes no installer: pass --installer-src DIR (a micropython-lib checkout)`);
      if (missing) return missing;
    }
    if (mpremoteSteps === 0) return 'no mpremote step: this backend runs real mpremote';
    const gap = vmDeviceGap(spec);
    if (gap) return gap;
    // mpremote's requests reach the world through a proxy, which can refuse a host but cannot
    // make CPython's own resolver fail as it would without one.
    if ((spec.world.faults ?? []).some((f) => f.dnsFailure)) return "a dnsFailure fault: mpremote's look-ups go through miprig's proxy, so CPython's resolver error cannot be reproduced";
    return undefined;
  }

  async run(scenario: LoadedScenario): Promise<Observation> {
    const started = performance.now();
    const spec = scenario.spec;
    if (!this.started) throw new Error('MpremoteBackend.run() before start()');
    const { server, proxy } = await this.route();
    const vm = this.vmFor(this.tool.version);
    let building: Promise<World> | undefined;
    const buildWorld = () => (building ??= createWorld(spec.world));
    server.serveNetwork(pendingNetwork(buildWorld));
    const root = await createRunRoot();
    this.roots.add(root);
    liveRoots.add(root);
    try {
      const world = await buildWorld();
      const ports = await server.start();
      const hostEnv = await this.hostEnvironment(root, await proxy.start());
      return await this.pool.use(async (worker) => {
        const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs;
        const source = this.options.installerSource;
        const target = { httpPort: ports.httpPort, resolves: (h: string) => world.resolves(h) };
        const { device, session: vmSession } = await openScenarioVm(worker, spec, vm, { timeoutMs, ...(source ? { installerSource: source } : {}) }, target);
        const softReset = async (): Promise<void> => {
          const r = await worker.exec(deviceResetSource(device));
          if (r.error) throw new Error(`the soft reset failed in the VM: ${r.error.type}: ${r.error.message}`);
        };
        const session = new MpremoteSession(vmSession, {
          tool: this.tool,
          python: this.tool.python,
          root,
          env: hostEnv,
          timeoutMs,
          exec: (code) => worker.exec(code),
          softReset,
          banner: `MicroPython v${vm.version} on miprig; ${spec.device.port} (a MicroPython VM behind a pseudo-terminal)`,
        });
        const steps = await runSteps(spec.steps, session);
        const { log } = session;
        log.findings.push(...unmatchedRequests(world.log));
        for (const problem of proxy.problems) log.findings.push({ kind: 'model-gap', detail: problem });
        if (steps.timedOut) log.findings.push({ kind: 'timeout', detail: `a step ran longer than ${timeoutMs} ms and was stopped` });
        const observation: Observation = {
          backend: this.name,
          backendKind: this.kind,
          runtime: { version: this.tool.version, mpy: null },
          installer: { name: 'mpremote', version: this.tool.version },
          files: await vmFilesAfter(worker, steps.timedOut),
          ...stepsObservation(log, steps, world.log),
          redirection: `mpremote's downloads through miprig's HTTP proxy (CONNECT for https, a certificate per host from a CA of this run in SSL_CERT_FILE); its device a raw REPL on ${session.ptyPaths.join(', ') || 'a pseudo-terminal'}`,
          build: describe(this.tool, vm, source),
          durationMs: performance.now() - started,
        };
        return { result: observation, healthy: !steps.timedOut };
      });
    } finally {
      proxy.closeConnections();
      server.serveNetwork(pendingNetwork(buildWorld));
      this.idleRoutes.push({ server, proxy });
      removeRunRootSync(root);
      this.roots.delete(root);
      liveRoots.delete(root);
    }
  }

  /** The VM standing in for the board: the release of mpremote's version, else the nearest below, else the oldest installed. */
  private vmFor(version: string): VmPackage {
    return vmFor(version, this.vms) ?? this.vms[0]!;
  }

  /**
   * mpremote's environment: nothing of the user's home or network — its config folder and home
   * in the run root, every request through the proxy, only this run's CA trusted, no bytecode
   * written into the user's mpremote folder.
   */
  private async hostEnvironment(root: string, proxyUrl: string): Promise<Record<string, string>> {
    const home = path.join(root, 'host-home');
    mkdirSync(path.join(home, '.config'), { recursive: true });
    const caFile = path.join(root, 'miprig-ca.pem');
    writeFileSync(caFile, (await hostCertificates()).caPem);
    return {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      LANG: 'C.UTF-8',
      http_proxy: proxyUrl,
      https_proxy: proxyUrl,
      HTTP_PROXY: proxyUrl,
      HTTPS_PROXY: proxyUrl,
      no_proxy: '',
      NO_PROXY: '',
      SSL_CERT_FILE: caFile,
      SSL_CERT_DIR: path.join(root, 'no-cert-dir'),
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
      PYTHONNOUSERSITE: '1',
      ...this.tool.env,
    };
  }
}

interface Route {
  server: LoopbackServer;
  proxy: HostProxy;
}

/** The report's line: which mpremote, which VM as its device, and what the harness adapts. */
function describe(tool: MpremoteTool, vm: VmPackage, source: InstallerSource | undefined): string {
  const runner = tool.prefix.length ? `${tool.command} -m mpremote from ${tool.env['PYTHONPATH']}` : tool.command;
  const installer = source ? `; on-device installer from ${source.dir} (${source.identity})` : '';
  return `mpremote ${tool.version} (release from ${tool.versionFrom}), run as ${runner}; device: MicroPython VM ${vm.version} (webassembly port) behind a raw REPL on a pseudo-terminal, its Emscripten errno numbers shown as a board's (ENOENT 2), soft reset = modules, globals, sys.path and cwd start over${installer}`;
}
