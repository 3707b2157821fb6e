import { performance } from 'node:perf_hooks';
import type { BuildProfile } from '../../src/device/buildProfile.ts';
import { buildDevice } from '../../src/device/buildDevice.ts';
import { frozenInstaller } from '../../src/device/frozenLibraries.ts';
import { installerFor, installerModule } from '../../src/installers/installerVersions.ts';
import { normaliseInstall } from '../../src/installers/installArgv.ts';
import type { Step } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { stepsObservation } from '../steps/stepsObservation.ts';
import { runSteps } from '../steps/runSteps.ts';
import type { ModuleBodies } from '../steps/ModuleBodies.ts';
import type { Backend } from './Backend.ts';
import { unmatchedRequests, type Observation } from '../observation/Observation.ts';
import { VirtualSession } from './virtualSession.ts';

/**
 * The embedded default: runs a scenario on the virtual device (its volume, sys.path model,
 * import resolver, installer models) against the scenario's world, in-process. No binary needed.
 * `new VirtualBackend('1.22.2')` pins the runtime version (used by `--backend all` to stand
 * beside a real binary of that version); given that binary's build facts as well, it models that
 * build (TLS heap per connection, modules left out, C-stack budget) instead of upstream defaults.
 *
 * @example
 * const backend = new VirtualBackend();
 * await backend.start();
 * const obs = await backend.run(await loadScenario('scenarios/mip/index-latest.yaml'));
 */
export class VirtualBackend implements Backend {
  readonly name: string;
  /** The virtual device runs models of the installers and the runtime. */
  readonly kind = 'model';

  constructor(
    private readonly runtime?: string,
    private readonly build?: BuildProfile,
    /** Runs module bodies the model cannot (harness/vm/vmModuleBodies.ts); without it the model's answers stand. */
    private readonly bodies?: ModuleBodies,
  ) {
    this.name = runtime ? `virtual@${runtime}${build && build.label !== 'upstream defaults' ? `[${build.label}]` : ''}` : 'virtual';
  }

  async start(): Promise<void> {}

  /**
   * Pinned to a runtime (beside a real binary), skip what that binary would skip: a scenario
   * for an installer the runtime does not freeze (mip before 1.20, upip from 1.20).
   */
  skipReason(scenario: LoadedScenario): string | undefined {
    if (!this.runtime) return undefined;
    const frozen = frozenInstaller(this.runtime).name;
    for (const step of scenario.spec.steps) {
      if (!('install' in step)) continue;
      const wants = installerModule(normaliseInstall(step.install).installer);
      if (wants !== undefined && wants !== frozen && scenario.spec.device.version !== this.runtime) {
        return `MicroPython ${this.runtime} freezes ${frozen}, the scenario uses ${wants}`;
      }
    }
    return undefined;
  }

  /** Ends the interpreters that ran module bodies, if any. Idempotent. */
  async stop(): Promise<void> {
    await this.bodies?.stop();
  }

  async run(scenario: LoadedScenario): Promise<Observation> {
    const started = performance.now();
    const spec = scenario.spec;
    const device = await buildDevice(this.runtime ? { ...spec.device, version: this.runtime } : spec.device, this.build);
    const world = await createWorld(spec.world);
    const session = new VirtualSession(device, world, this.bodies);
    const steps = await runSteps(spec.steps, session);
    const { log } = session;
    const last = session.device;
    for (const path of last.escapes) log.findings.push({ kind: 'path-escape', detail: path });
    log.findings.push(...unmatchedRequests(world.log));
    if (steps.timedOut) log.findings.push({ kind: 'timeout', detail: 'the installer waited for a response that never ended' });
    return {
      backend: this.name,
      backendKind: this.kind,
      runtime: { version: last.version, mpy: last.mpy ?? null },
      tlsHeapPerConnection: last.build.tls.heapPerConnection,
      installer: lastInstaller(spec.steps, last.version),
      files: last.fs.snapshot(),
      // A copy: the device's own list of printed lines is not handed out.
      ...stepsObservation({ ...log, output: [...log.output] }, steps, world.log),
      ...(session.bodiesRanOn.size ? { build: `module bodies run on ${[...session.bodiesRanOn].join(', ')}; everything else modelled` } : {}),
      durationMs: performance.now() - started,
    };
  }
}

/** The installer the scenario's last install step ran, as the model's table names it on this runtime. */
function lastInstaller(steps: readonly Step[], runtime: string): Observation['installer'] {
  let installer: Observation['installer'] = null;
  for (const step of steps) if ('install' in step) installer = installerFor(normaliseInstall(step.install).installer, runtime);
  return installer;
}
