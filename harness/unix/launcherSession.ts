import type { InstallStep, SyspathStep } from '../../src/scenario/schema.ts';
import { emptyStepLog, type CopyStep, type DecompressStep, type ResourceStep, type StepEnd, type StepSession } from '../steps/StepSession.ts';
import type { LauncherStep } from './launcher.ts';
import { launcherStepFor } from './launcherStepFor.ts';
import type { BinaryInfo } from './MicropythonBinary.ts';
import { normalizeOutput, recordOutput, syspathFrom } from './normalizeOutput.ts';
import { runProcessGroup } from './processGroup.ts';
import { toHostPath } from './runRoot.ts';
import { runLauncherStep } from './runStep.ts';
import { syspathEditSource } from './syspathEditSource.ts';

/** What a launcher run of one scenario needs: the binary, its run root, the loopback ports. */
export interface LauncherRun {
  binary: BinaryInfo;
  root: string;
  cwd: string;
  home: string;
  sysPath: readonly string[];
  /** Device port → loopback port. */
  portMap: Record<number, number>;
  /** The loopback server's HTTP port, to ask about host look-ups (only with DNS faults). */
  dnsPort?: number;
  /** Resolved `-X heapsize=` bytes, when the device sets a heap. */
  heapsize?: number | string;
  /** The launcher's functions as `.mpy`, or undefined to run them as source. */
  precompiledCore?: Uint8Array;
  timeoutMs: number;
  onSpawn?: () => void;
}

/**
 * A scenario's steps on a real binary through the Python launcher, the fallback where the
 * LD_PRELOAD shim cannot load: installs, imports and decompress steps run under the launcher's
 * socket wrappers; a `syspath` edit needs no redirection and runs as plain `-c` Python on the
 * binary (python/syspath_edit.py). Exceptions, printed lines and exit codes are the binary's.
 *
 * @example
 * const session = new LauncherSession({ binary, root, cwd: '/', home: '/home', sysPath, portMap, timeoutMs });
 * await runSteps(spec.steps, session);
 */
export class LauncherSession implements StepSession {
  readonly log = emptyStepLog();
  private readonly sysPath: string[];
  private readonly loopbackToDevice: Record<number, number>;

  constructor(private readonly run: LauncherRun) {
    this.sysPath = [...run.sysPath];
    this.loopbackToDevice = Object.fromEntries(Object.entries(run.portMap).map(([dev, loop]) => [loop, Number(dev)]));
  }

  install(step: InstallStep): Promise<StepEnd> {
    return this.launch(launcherStepFor(step));
  }

  importModule(name: string): Promise<StepEnd> {
    return this.launch({ kind: 'imports', modules: [name] });
  }

  decompress(step: DecompressStep): Promise<StepEnd> {
    const { file, format, wbits } = step;
    return this.launch({ kind: 'decompress', key: step.as ?? file, file: toHostPath(this.run.root, file), format, wbits });
  }

  async syspath(edit: SyspathStep): Promise<StepEnd> {
    const { run } = this;
    const heap = run.heapsize !== undefined ? ['-X', `heapsize=${run.heapsize}`] : [];
    const r = await runProcessGroup(run.binary.path, [...heap, '-c', syspathEditSource(this.sysPath, edit)], {
      cwd: toHostPath(run.root, run.cwd),
      env: { HOME: toHostPath(run.root, run.home) },
      timeoutMs: run.timeoutMs,
    });
    const normal = this.record([...r.stdout, ...r.stderr]);
    const after = syspathFrom(normal);
    if (after) this.sysPath.splice(0, this.sysPath.length, ...after);
    return { exitCode: r.exitCode, timedOut: r.timedOut };
  }

  async resource(_step: ResourceStep): Promise<StepEnd> {
    throw new Error('resource steps run on a bare binary (the LD_PRELOAD shim), the VM or the virtual device; this binary runs under the launcher fallback');
  }

  async copy(_step: CopyStep): Promise<StepEnd> {
    throw new Error('a copy step runs on the virtual device only (the unix backend skips such scenarios)');
  }

  private async launch(step: LauncherStep): Promise<StepEnd> {
    const { run } = this;
    const running = runLauncherStep(run.binary, {
      runRoot: run.root,
      portMap: run.portMap,
      ...(run.dnsPort !== undefined ? { dnsPort: run.dnsPort } : {}),
      sysPath: this.sysPath.map((e) => (e.startsWith('/') ? toHostPath(run.root, e) : e)),
      devicePath: this.sysPath.slice(1),
      cwd: run.cwd,
      timeoutMs: run.timeoutMs,
      step,
      ...(run.precompiledCore ? { precompiledCore: run.precompiledCore } : {}),
      ...(run.heapsize !== undefined ? { heapsize: run.heapsize } : {}),
    });
    run.onSpawn?.();
    const r = await running;
    this.record([...r.stdout, ...r.stderr]);
    return { exitCode: r.exitCode, timedOut: r.timedOut };
  }

  /** Normalise a process's output into the log; returns its protocol lines. */
  private record(raw: string[]): ReturnType<typeof normalizeOutput>['protocol'] {
    const normal = normalizeOutput(raw, { runRoot: this.run.root, ports: this.loopbackToDevice });
    recordOutput(this.log, normal);
    for (const p of normal.protocol) if (p.kind === 'escape') this.log.findings.push({ kind: 'path-escape', detail: p.text });
    return normal.protocol;
  }
}
