import { performance } from 'node:perf_hooks';
import { PyException } from '../../src/python/PyException.ts';
import type { BuildProfile } from '../../src/device/buildProfile.ts';
import { createVirtualDevice, type VirtualDevice } from '../../src/device/VirtualDevice.ts';
import { applySyspathEdit } from '../../src/device/syspathEdits.ts';
import { decompressOnDevice } from '../../src/device/decompressOnDevice.ts';
import { HangError } from '../../src/net/httpClient.ts';
import type { DeviceSpec, Step } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import { materialize } from '../../src/world/materialize.ts';
import { runInstallStep } from '../../src/installers/runInstallStep.ts';
import { frozenInstaller, installerFor, installerModule } from '../../src/installers/installerVersions.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { classifyOutcome } from '../checks/classifyOutcome.ts';
import type { Backend } from './Backend.ts';
import { describeImport } from './describeImport.ts';
import { normaliseInstall } from '../../src/installers/installArgv.ts';
import { unmatchedRequests, type Finding, type Observation } from './Observation.ts';

/**
 * The embedded default: runs a scenario on the virtual device (memfs volume, sys.path model,
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

  constructor(
    private readonly runtime?: string,
    private readonly build?: BuildProfile,
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

  async stop(): Promise<void> {}

  async run(scenario: LoadedScenario): Promise<Observation> {
    const started = performance.now();
    const spec = scenario.spec;
    let device = await buildDevice(this.runtime ? { ...spec.device, version: this.runtime } : spec.device, this.build);
    const world = await createWorld(spec.world);
    const findings: Finding[] = [];
    const imports: Record<string, string> = {};
    const decompress: Record<string, string> = {};
    let installOutputStart = -1;
    let installOutputEnd = -1;
    let timedOut = false;
    let exitCode: number | null = null;
    let installer: Observation['installer'] = null;

    for (const step of spec.steps) {
      if ('install' in step) {
        const install = normaliseInstall(step.install);
        installer = installerFor(install.installer, device.version);
        installOutputStart = device.output.length;
        const r = await runGuarded(device, () => runInstallStep(device, world, install));
        installOutputEnd = device.output.length;
        timedOut ||= r.timedOut;
        // As on the unix backend: only a process of its own (the argv forms, micropip) has an exit status.
        exitCode = install.installer.endsWith('cmdline') || install.installer === 'micropip' ? r.exitCode : null;
        if (timedOut) break;
      } else if ('import' in step) {
        // Each module is `micropython -c "import NAME"` on a real binary: a fresh interpreter
        // (empty sys.modules), and a failed import prints its traceback (frame lines are
        // normalised away on every backend).
        for (const name of Array.isArray(step.import) ? step.import : [step.import]) {
          device.modules.clear();
          const origin = device.importModule(name).origin;
          imports[name] = describeImport(origin, device.cwd);
          if (origin.kind === 'error') {
            device.print('Traceback (most recent call last):');
            device.print(origin.line);
          }
        }
      } else if ('syspath' in step) {
        const err = applySyspathEdit(device, step.syspath);
        if (err) printTraceback(device, err);
      } else if ('copy' in step) {
        device = await copyImage(device, step);
      } else if ('decompress' in step) {
        const { file, format, wbits } = step.decompress;
        const key = step.decompress.as ?? file;
        try {
          const n = decompressOnDevice(device.heap, device.version, device.fs.readFile(file), { format, wbits });
          decompress[key] = `ok ${n}`;
        } catch (err) {
          if (!(err instanceof PyException)) throw err;
          decompress[key] = err.line;
        }
      }
    }

    for (const path of device.escapes) findings.push({ kind: 'path-escape', detail: path });
    findings.push(...unmatchedRequests(world.log));
    if (timedOut) findings.push({ kind: 'timeout', detail: 'the installer waited for a response that never ended' });

    const output = [...device.output];
    return {
      backend: this.name,
      runtime: { version: device.version, mpy: device.mpy ?? null },
      tlsHeapPerConnection: device.build.tls.heapPerConnection,
      installer,
      files: device.fs.snapshot(),
      requests: [...world.log],
      output,
      outcome: installOutputStart < 0 ? { kind: 'none' } : classifyOutcome(output.slice(installOutputStart, installOutputEnd), timedOut),
      exitCode,
      imports,
      decompress,
      findings,
      durationMs: performance.now() - started,
    };
  }
}

/** Materialise a device spec's files (including those inside mounts) and build the device. */
export async function buildDevice(spec: DeviceSpec, build?: BuildProfile): Promise<VirtualDevice> {
  return createVirtualDevice(spec, await deviceFiles(spec), build);
}

/**
 * A device spec's initial files, materialised: `files` and each mount's files (relative names
 * under the mount point), keyed by absolute device path.
 *
 * @example
 * await deviceFiles(deviceSpec.parse({ files: { '/lib/a.py': 'x = 1' } })); // Map { '/lib/a.py' => Uint8Array }
 */
export async function deviceFiles(spec: DeviceSpec): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [path, content] of Object.entries(spec.files)) files.set(path, await materialize(content));
  for (const mount of spec.mounts) {
    for (const [path, content] of Object.entries(mount.files ?? {})) {
      const abs = path.startsWith('/') ? path : `${mount.path.replace(/\/$/, '')}/${path}`;
      files.set(abs, await materialize(content));
    }
  }
  return files;
}

/**
 * Run one installer invocation the way the unix port would: an uncaught Python exception prints
 * a traceback and makes the argv form exit 1; a response that never ends is a timeout.
 */
async function runGuarded(
  device: VirtualDevice,
  body: () => Promise<{ exitCode: number | null }>,
): Promise<{ exitCode: number | null; timedOut: boolean }> {
  try {
    const { exitCode } = await body();
    return { exitCode, timedOut: false };
  } catch (err) {
    if (err instanceof HangError) return { exitCode: null, timedOut: true };
    if (err instanceof PyException) {
      printTraceback(device, err);
      return { exitCode: 1, timedOut: false };
    }
    throw err;
  }
}

function printTraceback(device: VirtualDevice, err: PyException): void {
  // Frame lines differ between the model and the binary and are dropped by the harness on both.
  device.print('Traceback (most recent call last):');
  // An exception text may hold newlines (requests appends the raw "\r\n" header line); the
  // binary's output is split into lines at "\n", so split the same way.
  for (const line of err.line.split('\n')) device.print(line);
}

/** Cross-install: copy a directory image from this device to a fresh device of another profile. */
async function copyImage(from: VirtualDevice, step: Extract<Step, { copy: unknown }>): Promise<VirtualDevice> {
  const { copy } = step;
  const prefix = copy.from.endsWith('/') ? copy.from : `${copy.from}/`;
  const target = await buildDevice(copy.device);
  const dest = copy.to.replace(/\/$/, '');
  for (const [path, bytes] of from.fs.snapshot()) {
    if (!path.startsWith(prefix)) continue;
    const to = `${dest}/${path.slice(prefix.length)}`;
    ensureDirs(target, to);
    const f = target.fs.openWrite(to);
    f.write(bytes);
    f.close();
  }
  for (const line of from.output) target.print(line);
  return target;
}

function ensureDirs(device: VirtualDevice, file: string): void {
  const parts = file.split('/').slice(1, -1);
  let cur = '';
  for (const p of parts) {
    cur += `/${p}`;
    try {
      device.fs.stat(cur);
    } catch {
      device.fs.mkdir(cur);
    }
  }
}

