import { mkdirSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { referenceBuild, resolveHeapSize } from '../../src/device/buildProfile.ts';
import { deviceFiles } from '../../src/device/buildDevice.ts';
import { resolveDevicePath } from '../../src/device/devicePath.ts';
import { deviceLayout } from '../../src/device/VirtualDevice.ts';
import { installerModule } from '../../src/installers/installerVersions.ts';
import { normaliseInstall } from '../../src/installers/installArgv.ts';
import type { Network } from '../../src/net/Network.ts';
import type { DeviceSpec, WorldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import type { World } from '../../src/world/World.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { stepsObservation } from '../steps/stepsObservation.ts';
import { runSteps, type StepsResult } from '../steps/runSteps.ts';
import type { StepLog } from '../steps/StepSession.ts';
import { BareSession } from '../unix/bareSession.ts';
import { describeBuildFacts, probeBuildFacts, toBuildProfile, type BuildFacts } from '../unix/buildFacts.ts';
import { LauncherSession } from '../unix/launcherSession.ts';
import { LoopbackServer, type LoopbackPorts } from '../unix/LoopbackServer.ts';
import type { BinaryInfo } from '../unix/MicropythonBinary.ts';
import { pendingNetwork } from '../unix/pendingNetwork.ts';
import { describeLauncherForm, MPY_CROSS_ENV, precompileLauncher, type LauncherForm } from '../unix/precompiledLauncher.ts';
import { chooseRedirection, REDIRECT_ENV, type Redirection } from '../unix/redirection.ts';
import { createRunRoot, HARNESS_DIR, readBack, removeRunRootSync, toHostPath, writeDeviceFiles } from '../unix/runRoot.ts';
import type { Backend } from './Backend.ts';
import type { InstallerSource } from '../installerSource.ts';
import { unmatchedRequests, type Observation } from '../observation/Observation.ts';

/** Run roots of runs in progress, across all backends of this process. */
const liveRoots = new Set<string>();
// A process that exits in the middle of a run (process.exit, an uncaught error) leaves nothing behind.
process.once('exit', () => {
  for (const root of liveRoots) rmSync(root, { recursive: true, force: true });
});

/** The model's view of a device that the unix backend lays out in a run root. */
interface DeviceLayout {
  sysPath: readonly string[];
  cwd: string;
  home: string | undefined;
  files: Map<string, Uint8Array>;
}

/** How the binary's traffic reaches the mocked world under the fallback launcher (reported with every result). */
export const REDIRECTION =
  'launcher: wrapped socket/usocket getaddrinfo → 127.0.0.1 loopback server (HTTP + HTTPS, self-signed EC certificate)';

/** Heap the fallback launcher holds while the installer runs (measured on 1.19.1 x64 through its wrappers). */
const LAUNCHER_FOOTPRINT = 'about 8 KiB of GC heap and one Python frame per getaddrinfo';

/**
 * A real `micropython` unix-port binary, run bare under the LD_PRELOAD shim (or, where the shim
 * cannot load, through the Python launcher). Each scenario gets its own run root (the device's
 * paths, HOME and cwd inside it), a loopback server answering from the scenario's world, and is
 * read back into device terms afterwards. The installer code is the binary's own, unmodified.
 *
 * @example
 * const backend = new UnixBackend(await probeBinary('/opt/mp/1.22.2/micropython'), { timeoutMs: 30_000 });
 * await backend.start();
 * const obs = await backend.run(scenario);
 * await backend.stop();
 */
export class UnixBackend implements Backend {
  /** A real binary: its output is evidence (divergences may excuse it; `--update` records it). */
  readonly kind = 'real';
  /** `unix:1.22.2` for an upstream-default build, `unix:1.22.2[system mbedTLS]` otherwise (known after `start()`). */
  name: string;
  /** The binary's build facts, measured bare by `start()` (undefined under the launcher fallback). */
  facts: BuildFacts | undefined;

  constructor(
    readonly info: BinaryInfo,
    private readonly options: {
      timeoutMs: number;
      /**
       * The `mpy-cross` that precompiles the launcher, or `off` to run it as source; overrides
       * `MIPRIG_MPY_CROSS`. Default: found next to the binary (see precompiledLauncher.ts).
       */
      mpyCross?: string;
      /** `launcher` forces the Python launcher where the shim would work; default `auto` (also MIPRIG_REDIRECT). */
      redirect?: 'auto' | 'launcher';
      /**
       * `--installer-src`: installer sources put in the run root (`/_miprig/installer`, never read
       * back) and on sys.path before `.frozen`, so `import mip` finds them instead of the frozen copy.
       */
      installerSource?: InstallerSource;
    },
  ) {
    this.name = `unix:${info.version}`;
  }

  /** Started loopback servers not serving a run right now (one per concurrent run at most). */
  private readonly idleServers: LoopbackServer[] = [];
  private readonly allServers: LoopbackServer[] = [];
  /**
   * What the model of a scenario's device says about it on this binary's version (sys.path,
   * cwd, HOME, initial files): deterministic, so worked out once per device spec.
   */
  private readonly layouts = new WeakMap<DeviceSpec, Promise<DeviceLayout>>();
  private launcherForm: Promise<LauncherForm> | undefined;
  private redirectionChoice: Promise<Redirection> | undefined;

  /**
   * Decide how this binary is driven: bare under the LD_PRELOAD shim, or (fallback) through the
   * launcher, precompiled with an `mpy-cross` found for it or as source (see precompiledLauncher.ts).
   * Idempotent; `run()` calls it if need be. Rejects only for an `MIPRIG_MPY_CROSS` that names no
   * executable when the launcher is needed.
   */
  async start(): Promise<void> {
    const redirection = await this.redirection();
    if (redirection.kind === 'launcher') {
      await this.launcher();
      return;
    }
    if (!this.factsProbe) {
      this.factsProbe = probeBuildFacts(this.info, redirection.library);
      this.facts = await this.factsProbe;
      // Named once, when the facts arrive: a later start() (every run calls it) must not undo a
      // name the caller made unique (createBackends' `#2`).
      this.name = `unix:${this.info.version}${this.facts.differences ? `[${this.facts.differences}]` : ''}`;
    }
    await this.factsProbe;
  }

  private factsProbe: Promise<BuildFacts> | undefined;

  /** Shim or launcher for this binary (decided once, on first need). */
  redirection(): Promise<Redirection> {
    this.redirectionChoice ??= chooseRedirection(
      this.info,
      this.options.redirect === 'launcher' ? { ...process.env, [REDIRECT_ENV]: 'launcher' } : process.env,
    );
    return this.redirectionChoice;
  }

  /** How this backend's launcher gets its functions (decided once, on first need). */
  launcher(): Promise<LauncherForm> {
    this.launcherForm ??= precompileLauncher(
      this.info,
      this.options.mpyCross !== undefined ? { ...process.env, [MPY_CROSS_ENV]: this.options.mpyCross } : process.env,
    );
    return this.launcherForm;
  }

  /** `; installer from DIR (git …) before .frozen` for the report, when `--installer-src` is given. */
  private installerNote(): string {
    const source = this.options.installerSource;
    return source ? `; installer from ${source.dir} (${source.identity}) on sys.path before .frozen` : '';
  }

  /** Loopback servers still listening (0 after `stop()`). */
  get listeningServers(): number {
    return this.allServers.filter((s) => s.listening).length;
  }

  /** Close every loopback server (run roots are removed as each run ends). Idempotent. */
  async stop(): Promise<void> {
    await Promise.all(this.allServers.map((s) => s.stop()));
    this.allServers.length = 0;
    this.idleServers.length = 0;
  }

  private layoutOf(spec: DeviceSpec): Promise<DeviceLayout> {
    let layout = this.layouts.get(spec);
    if (!layout) {
      // What the model says of the device (no volume is built: only its paths and files).
      const { profile, sysPath } = deviceLayout({ ...spec, version: this.info.version });
      const source = this.options.installerSource;
      layout = deviceFiles(spec).then((files) => ({
        // --installer-src goes before `.frozen` on purpose: the frozen installer is overridden.
        sysPath: source ? withBeforeFrozen(sysPath, INSTALLER_DIR) : sysPath,
        cwd: profile.cwd,
        home: profile.home,
        files: new Map([
          ...[...files].map(([p, bytes]) => [resolveDevicePath(p, '/').path, bytes] as const),
          ...[...(source?.files ?? [])].map(([rel, bytes]) => [`${INSTALLER_DIR}/${rel}`, bytes] as const),
        ]),
      }));
      this.layouts.set(spec, layout);
    }
    return layout;
  }

  /** A started server answering from `network`: reused from an earlier run when one is idle. */
  private async acquireServer(network: Network): Promise<{ server: LoopbackServer; ports: LoopbackPorts }> {
    const idle = this.idleServers.pop();
    if (idle) {
      idle.serveNetwork(network);
      return { server: idle, ports: await idle.start() };
    }
    const server = new LoopbackServer(network);
    this.allServers.push(server);
    return { server, ports: await server.start() };
  }

  skipReason(scenario: LoadedScenario): string | undefined {
    if (Object.keys(scenario.spec.device.frozen).length) return "device.frozen declares frozen modules; a stock binary has only its own (the virtual device models them)";
    for (const step of scenario.spec.steps) {
      if ('copy' in step) return 'cross-install (copy) steps run on the virtual device only';
      if (!('install' in step)) continue;
      const wants = installerModule(normaliseInstall(step.install).installer);
      if (wants === undefined) {
        return normaliseInstall(step.install).installer === 'mpremote'
          ? 'mpremote runs on the host against a device over its REPL; a bare unix binary offers no such port (the virtual device models it)'
          : 'micropip runs on CPython, not on a micropython binary';
      }
      if (this.info.installer !== wants) {
        return `${this.info.path} (MicroPython ${this.info.version}) freezes ${this.info.installer ?? 'no installer'}, the scenario uses ${wants}`;
      }
    }
    return undefined;
  }

  /**
   * End a run, whatever happened: the server drops any connection the binary left open (e.g. a
   * hang) and waits for the next run; the run root goes. Synchronously: cheaper for the event
   * loop than the callback-based rm, which would otherwise still be running (and delaying the
   * loopback server) during the next run.
   */
  private closeRun(server: LoopbackServer, buildWorld: () => Promise<World>, root: string | undefined): void {
    server.serveNetwork(pendingNetwork(buildWorld));
    this.idleServers.push(server);
    if (root !== undefined) {
      removeRunRootSync(root);
      liveRoots.delete(root);
    }
  }

  /** The observation both ways of driving the binary share, read once its steps have run. */
  private async observe(run: { root: string; world: World; steps: StepsResult; log: StepLog; timeoutMs: number; started: number }): Promise<Observation> {
    const { world, steps, log } = run;
    log.findings.push(...unmatchedRequests(world.log));
    if (steps.timedOut) log.findings.push({ kind: 'timeout', detail: `a step ran longer than ${run.timeoutMs} ms and was killed` });
    return {
      backend: this.name,
      backendKind: this.kind,
      runtime: { version: this.info.version, mpy: this.info.mpy },
      installer: this.options.installerSource?.modules.includes(this.info.installer ?? '')
        ? { name: this.info.installer!, version: this.options.installerSource.mipVersion ?? `source ${this.options.installerSource.identity}` }
        : this.info.installerIdentity,
      files: await readBack(run.root),
      ...stepsObservation(log, steps, world.log),
      durationMs: performance.now() - run.started,
    };
  }

  async run(scenario: LoadedScenario): Promise<Observation> {
    await this.start();
    const redirection = await this.redirection();
    return redirection.kind === 'shim' ? this.runBare(scenario, redirection) : this.runWithLauncher(scenario, redirection.reason);
  }

  /**
   * A scenario on the bare binary: each step is a process of the binary (BareSession), with the
   * shim in LD_PRELOAD mapping device paths into the run root and connections to the loopback server.
   */
  private async runBare(scenario: LoadedScenario, shim: Extract<Redirection, { kind: 'shim' }>): Promise<Observation> {
    const started = performance.now();
    const spec = scenario.spec;
    const buildWorld = worldOnFirstUse(spec.world);
    const device = await this.layoutOf(spec.device);
    const { server, ports } = await this.acquireServer(pendingNetwork(buildWorld));
    let rootToRemove: string | undefined;
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs;
    try {
      const root = (rootToRemove = await openRunRoot(device));
      // `12K + tls` heaps resolve with this binary's own TLS figure (buildProfile.ts).
      const build = this.facts ? toBuildProfile(this.info.version, this.facts) : referenceBuild('unix', this.info.version);
      const session = new BareSession({
        binary: this.info.path,
        root,
        cwd: device.cwd,
        home: device.home ?? '/home',
        sysPath: device.sysPath,
        binaryArgs: spec.device.heap !== undefined ? ['-X', `heapsize=${resolveHeapSize(String(spec.device.heap), build)}`] : [],
        shimLibrary: shim.library,
        port: ports.httpPort,
        // DNS faults are decided per look-up by the world (selectors, `times`); without any, the shim asks nothing.
        resolve: spec.world.faults.some((f) => f.dnsFailure),
        timeoutMs,
        onSpawn: () => void buildWorld(),
      });
      const steps = await runSteps(spec.steps, session);
      return {
        ...(await this.observe({ root, world: await buildWorld(), steps, log: session.log, timeoutMs, started })),
        redirection: shim.description,
        tlsHeapPerConnection: build.tls.heapPerConnection,
        // Said in the report's build line: builds with mbedTLS's debug module print DBG lines.
        ...(this.facts ? { build: `${describeBuildFacts(this.facts)}${this.facts.tls.debugLines ? '; its DBG lines are left out of the compared output' : ''}${this.installerNote()}` } : {}),
      };
    } finally {
      this.closeRun(server, buildWorld, rootToRemove);
    }
  }

  /** A scenario through the Python launcher (LauncherSession): the fallback where the shim cannot load. */
  private async runWithLauncher(scenario: LoadedScenario, whyNoShim: string): Promise<Observation> {
    const started = performance.now();
    const spec = scenario.spec;
    const buildWorld = worldOnFirstUse(spec.world);
    const [device, form] = await Promise.all([this.layoutOf(spec.device), this.launcher()]);
    // The launcher's own heap differs between its forms (source leaves compile garbage): a
    // heap-limited run keeps the source form whether or not an mpy-cross was found, so its
    // outcome never depends on one. (Low-memory outcomes are calibrated on bare binaries; the
    // report states the launcher's footprint.)
    const core = form.kind === 'precompiled' && spec.device.heap === undefined ? form.core : undefined;
    const launcher =
      form.kind === 'precompiled' && !core
        ? describeLauncherForm({ kind: 'source', reason: 'device.heap is set, and heap-limited runs keep one form whether or not an mpy-cross is found' })
        : describeLauncherForm(form);
    const { server, ports } = await this.acquireServer(pendingNetwork(buildWorld));
    let rootToRemove: string | undefined;
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs;
    try {
      const root = (rootToRemove = await openRunRoot(device));
      const session = new LauncherSession({
        binary: this.info,
        root,
        cwd: device.cwd,
        home: device.home ?? '/home',
        sysPath: device.sysPath,
        portMap: ports.portMap,
        // DNS faults are decided per look-up by the world (selectors, `times`); without any, the launcher asks nothing.
        ...(spec.world.faults.some((f) => f.dnsFailure) ? { dnsPort: ports.httpPort } : {}),
        ...(spec.device.heap !== undefined ? { heapsize: resolveHeapSize(String(spec.device.heap), referenceBuild('unix', this.info.version)) } : {}),
        ...(core ? { precompiledCore: core } : {}),
        timeoutMs,
        onSpawn: () => void buildWorld(),
      });
      const steps = await runSteps(spec.steps, session);
      return {
        ...(await this.observe({ root, world: await buildWorld(), steps, log: session.log, timeoutMs, started })),
        redirection: `${REDIRECTION}; fallback because ${whyNoShim}; footprint: ${LAUNCHER_FOOTPRINT}`,
        launcher,
        ...(this.options.installerSource ? { build: this.installerNote().slice(2) } : {}),
      };
    } finally {
      this.closeRun(server, buildWorld, rootToRemove);
    }
  }
}

/** Where `--installer-src` goes in a run root (its top folder is never read back, runRoot.ts). */
const INSTALLER_DIR = `/${HARNESS_DIR}/installer`;

/** `sysPath` with `entry` right before `.frozen` (or after `''` when there is no `.frozen`). */
function withBeforeFrozen(sysPath: readonly string[], entry: string): string[] {
  const at = sysPath.indexOf('.frozen');
  const i = at >= 0 ? at : Math.min(1, sysPath.length);
  return [...sysPath.slice(0, i), entry, ...sysPath.slice(i)];
}

/**
 * A fresh run root laid out as the device: its initial files, HOME and cwd. Registered, so even a
 * process that exits mid-run removes it.
 */
async function openRunRoot(device: DeviceLayout): Promise<string> {
  const root = await createRunRoot();
  liveRoots.add(root);
  try {
    await writeDeviceFiles(root, device.files);
    mkdirSync(toHostPath(root, device.home ?? '/home'), { recursive: true });
    mkdirSync(toHostPath(root, device.cwd), { recursive: true });
  } catch (err) {
    removeRunRootSync(root);
    liveRoots.delete(root);
    throw err;
  }
  return root;
}

/**
 * The scenario's world, built on first call: right after the binary is spawned, while it starts
 * up (its first request waits for the world if need be).
 */
function worldOnFirstUse(spec: WorldSpec): () => Promise<World> {
  let building: Promise<World> | undefined;
  return () => {
    if (!building) {
      building = createWorld(spec);
      building.catch(() => undefined); // awaited by the run; this only keeps a failure from going unhandled
    }
    return building;
  };
}
