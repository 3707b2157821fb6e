import type { InstallStep, SyspathStep } from '../../src/scenario/schema.ts';
import { mpremoteArgv } from '../../src/installers/installArgv.ts';
import type { CopyStep, DecompressStep, ResourceStep, StepEnd, StepLog, StepSession } from '../steps/StepSession.ts';
import { normalizeOutput } from '../unix/normalizeOutput.ts';
import { runProcessGroup } from '../unix/processGroup.ts';
import type { VmExecResult } from '../vm/VmWorker.ts';
import type { VmSession } from '../vm/VmSession.ts';
import type { MpremoteTool } from './mpremoteTool.ts';
import { PtyBridge } from './PtyBridge.ts';
import { RawReplDevice } from './RawReplDevice.ts';

export interface MpremoteRun {
  tool: MpremoteTool;
  /** CPython for the pseudo-terminal bridge. */
  python: string;
  /** The run root: mpremote's working folder and home are inside it. */
  root: string;
  /** mpremote's whole environment (MpremoteBackend.hostEnvironment). */
  env: Record<string, string>;
  timeoutMs: number;
  /** Python run in the device's VM, as the raw REPL runs it. */
  exec(code: string): Promise<VmExecResult>;
  softReset(): Promise<void>;
  banner: string;
}

/**
 * A scenario's steps with real mpremote: an `installer: mpremote` step is the real program
 * (`mpremote connect /dev/pts/N mip install …`) talking to the device over a fresh
 * pseudo-terminal, as a user's command would; every other step runs on the device's VM through
 * the vm backend's session, so both write to one file system and one log.
 *
 * @example
 * const session = new MpremoteSession(vmSession, run);
 * await runSteps(spec.steps, session);
 */
export class MpremoteSession implements StepSession {
  /** The terminals mpremote connected to, for the report. */
  readonly ptyPaths: string[] = [];

  constructor(
    private readonly vm: VmSession,
    private readonly run: MpremoteRun,
  ) {}

  get log(): StepLog {
    return this.vm.log;
  }

  async install(step: InstallStep): Promise<StepEnd> {
    if (step.installer !== 'mpremote') return this.vm.install(step);
    const { run } = this;
    let pty: PtyBridge | undefined;
    const device = new RawReplDevice({ exec: run.exec, softReset: run.softReset, banner: run.banner, send: (bytes) => pty?.write(bytes) });
    pty = await PtyBridge.open(run.python, (bytes) => device.feed(bytes));
    this.ptyPaths.push(pty.path);
    try {
      const argv = [...run.tool.prefix, 'connect', pty.path, ...mpremoteArgv(step)];
      // One stream, as a terminal shows it: mpremote's `mpremote: …` errors go to stderr.
      const r = await runProcessGroup('/bin/sh', ['-c', 'exec "$@" 2>&1', 'sh', run.tool.command, ...argv], {
        cwd: run.root,
        env: run.env,
        timeoutMs: run.timeoutMs,
      });
      await device.idle();
      const lines = tracebackBodiesDropped(normalizeOutput(withoutProgress(r.stdout), { runRoot: run.root }).lines);
      this.log.output.push(...lines);
      return { exitCode: r.timedOut ? null : r.exitCode, timedOut: r.timedOut };
    } finally {
      pty.close();
    }
  }

  importModule(name: string): Promise<StepEnd> {
    return this.vm.importModule(name);
  }

  syspath(edit: SyspathStep): Promise<StepEnd> {
    return this.vm.syspath(edit);
  }

  decompress(step: DecompressStep): Promise<StepEnd> {
    return this.vm.decompress(step);
  }

  resource(step: ResourceStep): Promise<StepEnd> {
    return this.vm.resource(step);
  }

  copy(step: CopyStep): Promise<StepEnd> {
    return this.vm.copy(step);
  }
}

/**
 * A line as a terminal leaves it: a progress bar redraws itself after `\r`, so only the text after
 * the last `\r` stays on screen.
 */
function withoutProgress(lines: readonly string[]): string[] {
  return lines.map((line) => {
    const redraw = line.slice(0, -1).lastIndexOf('\r');
    return redraw === -1 ? line : line.slice(redraw + 1);
  });
}

/**
 * A CPython traceback as the device's are reported: its header and the exception line. The
 * frames' source lines and `^^^` markers between them (their `File` lines are already gone, see
 * normalizeOutput) belong to the host's Python version, not to mpremote: 3.11 prints carets,
 * 3.10 none.
 */
function tracebackBodiesDropped(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inTraceback = false;
  for (const line of lines) {
    if (line === 'Traceback (most recent call last):') inTraceback = true;
    else if (inTraceback && /^\s/.test(line)) continue;
    else inTraceback = false;
    out.push(line);
  }
  return out;
}
