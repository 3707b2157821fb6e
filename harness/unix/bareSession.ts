import type { InstallStep, SyspathStep } from '../../src/scenario/schema.ts';
import { classifyOutcome } from '../observation/classifyOutcome.ts';
import { emptyStepLog, type CopyStep, type DecompressStep, type ResourceStep, type StepEnd, type StepSession } from '../steps/StepSession.ts';
import { resourceSource } from './resourceSource.ts';
import { bareInvocations, sysPathPrelude } from './bareStep.ts';
import { launcherStepFor } from './launcherStepFor.ts';
import type { LauncherStep } from './launcher.ts';
import { normalizeOutput, recordOutput, syspathFrom, type ProtocolLine } from './normalizeOutput.ts';
import { runProcessGroup } from './processGroup.ts';
import { shimEnv } from './redirection.ts';
import { toHostPath } from './runRoot.ts';
import { syspathEditSource } from './syspathEditSource.ts';

/** What a bare run of one scenario needs to start processes: the binary, its run root, the shim. */
export interface BareRun {
  binary: string;
  /** The run root (the device's `/`). */
  root: string;
  cwd: string;
  home: string;
  /** `sys.path` at start-up, as the unix port builds it for this device (`''` first). */
  sysPath: readonly string[];
  /** `-X heapsize=…` and the like, in front of every step's arguments. */
  binaryArgs: readonly string[];
  shimLibrary: string;
  /** The loopback server's HTTP port (the shim's `MIPRIG-CONNECT` target). */
  port: number;
  /** Ask the world about every host look-up (only a scenario with DNS faults needs it). */
  resolve: boolean;
  timeoutMs: number;
  /** Called right after each spawn, so the world is built while the binary boots. */
  onSpawn?: () => void;
}

/**
 * A scenario's steps on a bare real binary under the LD_PRELOAD shim: every step is a process of
 * the binary — an install exactly what a user types (`micropython -m mip install …`), an import
 * `-c "import NAME"`, a `syspath` edit and a decompress their Python run by the binary
 * (python/syspath_edit.py, the decompress loop). Exceptions, printed lines and exit codes are the
 * binary's. The `sys.path` a `syspath` step leaves (printed by the binary) is where the next
 * process starts.
 *
 * @example
 * const session = new BareSession({ binary, root, cwd: '/', home: '/home', sysPath, … });
 * await runSteps(spec.steps, session);
 */
export class BareSession implements StepSession {
  readonly log = emptyStepLog();
  private readonly sysPath: string[];

  constructor(private readonly run: BareRun) {
    this.sysPath = [...run.sysPath];
  }

  async install(step: InstallStep): Promise<StepEnd> {
    return this.runAll(bareInvocations(launcherStepFor(step), this.sysPath));
  }

  async importModule(name: string): Promise<StepEnd> {
    const step: LauncherStep = { kind: 'imports', modules: [name] };
    const [args] = bareInvocations(step, this.sysPath);
    const { end, lines } = await this.spawn(args!);
    if (end.exitCode !== 0 && !end.timedOut) {
      // The import raised: its exception line is the origin (the lines printing it never ran).
      const failed = classifyOutcome(lines);
      if (failed.kind === 'exception') this.log.imports[name] = failed.line;
    }
    return end;
  }

  async syspath(edit: SyspathStep): Promise<StepEnd> {
    const { end, protocol } = await this.spawn(['-c', syspathEditSource(this.sysPath, edit)]);
    const after = syspathFrom(protocol);
    if (after) this.sysPath.splice(0, this.sysPath.length, ...after);
    return end;
  }

  async decompress(step: DecompressStep): Promise<StepEnd> {
    const { file, format, wbits } = step;
    return this.runAll(bareInvocations({ kind: 'decompress', key: step.as ?? file, file, format, wbits }, this.sysPath));
  }

  async resource(step: ResourceStep): Promise<StepEnd> {
    return (await this.spawn(['-c', `${sysPathPrelude(this.sysPath)}${resourceSource(step)}`])).end;
  }

  async copy(_step: CopyStep): Promise<StepEnd> {
    throw new Error('a copy step runs on the virtual device only (the unix backend skips such scenarios)');
  }

  private async runAll(invocations: string[][]): Promise<StepEnd> {
    let end: StepEnd = { exitCode: null, timedOut: false };
    for (const args of invocations) {
      end = (await this.spawn(args)).end;
      if (end.timedOut) break;
    }
    return end;
  }

  /** One process of the binary: its output normalised into the log, its reports into findings. */
  private async spawn(args: readonly string[]): Promise<{ end: StepEnd; lines: string[]; protocol: ProtocolLine[] }> {
    const { run } = this;
    const running = runProcessGroup(run.binary, [...run.binaryArgs, ...args], {
      cwd: toHostPath(run.root, run.cwd),
      // MICROPYPATH gives sys.path after its first entry ('' on the unix port; bareStep sets any other).
      env: shimEnv({ library: run.shimLibrary, root: run.root, port: run.port, path: this.sysPath.slice(1), reportFd: true, resolve: run.resolve, home: run.home }),
      timeoutMs: run.timeoutMs,
      fd3: true,
    });
    run.onSpawn?.();
    const r = await running;
    const normal = normalizeOutput([...r.stdout, ...r.stderr], { runRoot: run.root });
    recordOutput(this.log, normal);
    for (const line of r.fd3) {
      const space = line.indexOf(' ');
      const kind = line.slice(0, space);
      if (kind === 'escape') this.log.findings.push({ kind: 'path-escape', detail: line.slice(space + 1) });
      else if (kind === 'network') this.log.findings.push({ kind: 'unmatched-request', detail: `connect to ${line.slice(space + 1)} refused (not a mocked host)` });
    }
    return { end: { exitCode: r.exitCode, timedOut: r.timedOut }, lines: normal.lines, protocol: normal.protocol };
  }
}
