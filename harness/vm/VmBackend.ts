import { performance } from 'node:perf_hooks';
import { installerModule } from '../../src/installers/installerVersions.ts';
import { normaliseInstall } from '../../src/installers/installArgv.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import type { World } from '../../src/world/World.ts';
import type { Backend } from '../backends/Backend.ts';
import { unmatchedRequests, type Observation } from '../observation/Observation.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { stepsObservation } from '../steps/stepsObservation.ts';
import { runSteps } from '../steps/runSteps.ts';
import { LoopbackServer } from '../unix/LoopbackServer.ts';
import { pendingNetwork } from '../unix/pendingNetwork.ts';
import type { InstallerSource } from '../installerSource.ts';
import { installedVms, vmFor, type VmPackage } from './vmPackages.ts';
import { VmPool } from './VmPool.ts';
import { installerSourceGap, openScenarioVm, vmDeviceGap, vmFilesAfter } from './scenarioVm.ts';
import { afterKeptRun } from './keptVm.ts';

/**
 * The third backend: a real MicroPython VM in-process — MicroPython's own webassembly port from
 * npm, one release per installed package, the newest at or below the scenario's version — in a
 * worker thread. The device's files go into the VM's file system and its sys.path is the
 * device's, with the installer sources (`--installer-src`) where the frozen ones would be; the
 * VM's sockets reach the same loopback server and world as a real binary's, bytes on the wire.
 * What the VM cannot decide is said, not guessed: heap limits (its heap grows on demand) stay
 * the model's, and a scenario that sets one is skipped here.
 *
 * @example
 * const vm = new VmBackend({ installerSource: readInstallerSource('../micropython-lib'), timeoutMs: 30_000 });
 * const obs = await vm.run(scenario);
 * await vm.stop();
 */
export class VmBackend implements Backend {
  readonly name = 'vm';
  /** A real MicroPython VM: its printed lines and exceptions are the VM's own. */
  readonly kind = 'vm';
  private readonly vms: VmPackage[];
  private readonly pool = new VmPool();
  private readonly idleServers: LoopbackServer[] = [];
  private readonly allServers: LoopbackServer[] = [];

  /** `reuseVms: false`: a new VM for every scenario, never a kept one reset (the tests compare the two). */
  constructor(private readonly options: { installerSource?: InstallerSource; timeoutMs: number; vms?: VmPackage[]; reuseVms?: boolean }) {
    this.vms = options.vms ?? installedVms();
  }

  async start(): Promise<void> {}

  /** Close the loopback servers and end the workers. Idempotent. */
  async stop(): Promise<void> {
    await this.pool.stop();
    await Promise.all(this.allServers.map((s) => s.stop()));
    this.allServers.length = 0;
    this.idleServers.length = 0;
  }

  skipReason(scenario: LoadedScenario): string | undefined {
    const spec = scenario.spec;
    if (!vmFor(spec.device.version, this.vms)) {
      return this.vms.length
        ? `no MicroPython VM at or below ${spec.device.version} is installed (installed: ${this.vms.map((v) => v.version).join(', ')})`
        : 'no MicroPython VM package is installed (npm optional dependencies micropython-vm-*)';
    }
    const gap = vmDeviceGap(spec);
    if (gap) return gap;
    for (const step of spec.steps) {
      if ('copy' in step) return 'cross-install (copy) steps run on the virtual device only';
      if (!('install' in step)) continue;
      const module = installerModule(normaliseInstall(step.install).installer);
      if (module === undefined) return normaliseInstall(step.install).installer === 'mpremote' ? 'mpremote runs on the host against a device over its REPL: --backend mpremote with --mpremote PATH runs real mpremote against this VM' : 'micropip runs on CPython, not on MicroPython';
      const missing = installerSourceGap(module, this.options.installerSource, `the VM freezes no installer: pass --installer-src DIR (a micropython-lib checkout) to run ${module} on it`);
      if (missing) return missing;
    }
    return undefined;
  }

  async run(scenario: LoadedScenario): Promise<Observation> {
    const started = performance.now();
    const spec = scenario.spec;
    const vm = vmFor(spec.device.version, this.vms);
    if (!vm) throw new Error(this.skipReason(scenario));
    let building: Promise<World> | undefined;
    const buildWorld = () => (building ??= createWorld(spec.world));
    const server = this.idleServers.pop() ?? this.newServer();
    server.serveNetwork(pendingNetwork(buildWorld));
    const ports = await server.start();
    try {
      return await this.pool.use(async (worker) => {
        const world = await buildWorld();
        const source = this.options.installerSource;
        const reuse = this.options.reuseVms ?? true;
        const { session, kept } = await openScenarioVm(worker, spec, vm, { timeoutMs: spec.timeoutMs ?? this.options.timeoutMs, reuse, ...(source ? { installerSource: source } : {}) }, { httpPort: ports.httpPort, resolves: (h) => world.resolves(h) });
        const steps = await runSteps(spec.steps, session);
        const { log } = session;
        log.findings.push(...unmatchedRequests(world.log));
        if (steps.timedOut) log.findings.push({ kind: 'timeout', detail: `a step ran longer than ${spec.timeoutMs ?? this.options.timeoutMs} ms and the VM was stopped` });
        const observation: Observation = {
          backend: this.name,
          backendKind: this.kind,
          runtime: { version: vm.version, mpy: null },
          installer: source && source.modules.includes('mip') ? { name: 'mip', version: source.mipVersion ?? `source ${source.identity}` } : null,
          files: await vmFilesAfter(worker, steps.timedOut),
          ...stepsObservation(log, steps, world.log),
          build: describeVm(vm, spec.device.version, source),
          durationMs: performance.now() - started,
        };
        if (kept && !steps.timedOut) await afterKeptRun(worker, log.output);
        return { result: observation, healthy: !steps.timedOut };
      }, (worker) => worker.keeps(vm.url));
    } finally {
      server.serveNetwork(pendingNetwork(buildWorld));
      this.idleServers.push(server);
    }
  }

  private newServer(): LoopbackServer {
    const server = new LoopbackServer(pendingNetwork(() => Promise.reject(new Error('no world yet'))));
    this.allServers.push(server);
    return server;
  }
}

/** The report's line for the VM: which release ran for which device version, and whose installer. */
function describeVm(vm: VmPackage, deviceVersion: string, source: InstallerSource | undefined): string {
  const why = vm.version === deviceVersion ? 'the device version' : `the newest installed release at or below ${deviceVersion}`;
  const installer = source ? `installer from ${source.dir} (${source.identity}), standing where frozen modules would (imports of it show as frozen)` : 'no installer source';
  return `MicroPython VM ${vm.version} (webassembly port, ${why}); ${installer}; heap checks are the model's (the VM's heap grows on demand)`;
}
