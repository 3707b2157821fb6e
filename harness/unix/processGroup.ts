import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface ProcessGroupOptions {
  cwd: string;
  /** The complete environment (nothing is inherited). */
  env: Record<string, string>;
  /** Kill the whole process group after this long. */
  timeoutMs: number;
  stdin?: string | Uint8Array;
  /** Open a pipe as fd 3 and collect its lines (the LD_PRELOAD shim's reports) in `fd3`. */
  fd3?: boolean;
}

export interface ProcessGroupResult {
  /** Exit status, or null when a signal ended the process. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Output lines (split on `\n`, no trailing empty line), including what arrived before a kill. */
  stdout: string[];
  stderr: string[];
  /** Lines written to fd 3, when `fd3` was asked for. */
  fd3: string[];
  durationMs: number;
}

/**
 * Every process a run started and has not seen end: the group leaders, and the processes the
 * LD_PRELOAD shim reported (`ready <pid>` on fd 3, from every generation, so a descendant that
 * left the group with setsid is known too). {@link killEverything} is what an interrupted run calls.
 */
const live = { groups: new Set<number>(), reported: new Map<number, string>(), interrupted: false };

/**
 * SIGKILL every process group and every shim-reported process still running, and start no new
 * one from now on (a step in flight would otherwise go on to its next command): for SIGINT and
 * SIGTERM, so an interrupted run leaves nothing behind. Returns how many were signalled.
 *
 * @example
 * process.once('SIGINT', () => killEverything());
 */
export function killEverything(): number {
  live.interrupted = true;
  let n = 0;
  for (const pid of live.groups) if (killGroup(pid)) n++;
  for (const [pid, root] of live.reported) if (killReported(pid, root)) n++;
  live.groups.clear();
  live.reported.clear();
  return n;
}

/**
 * Kill a process the shim reported, if it is still that process: one whose environment holds the
 * run's MIPRIG_ROOT (a pid can be reused once its process is gone).
 */
function killReported(pid: number, root: string): boolean {
  try {
    if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`MIPRIG_ROOT=${root}`)) return false;
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false; // gone already, or not ours to read
  }
}

/**
 * How long to wait, after the leader has exited and its group was killed, for the output pipes to
 * close: a process that left the group (`setsid`) may still hold them, and must not hold the run.
 */
const DRAIN_AFTER_EXIT_MS = 200;

/**
 * Run a program as the leader of a new process group. When the leader exits, or on timeout, the
 * whole group is SIGKILLed (`kill(-pgid)`), so children it left behind die with it and cannot hold
 * the output pipes open; output already written is kept. Under the LD_PRELOAD shim (`fd3` and
 * MIPRIG_ROOT in `env`), the processes it reports are killed too, setsid'd ones included. `node:child_process` directly, not
 * execa: this runs once per scenario step, and execa's stream plumbing cost ~1.1 ms per spawn
 * here (measured against a bare spawn of the same binary).
 *
 * @example
 * const r = await runProcessGroup('/bin/sh', ['-c', 'echo hi'], { cwd: '/tmp', env: {}, timeoutMs: 1000 });
 * r.stdout; // ['hi']
 */
export function runProcessGroup(file: string, args: string[], options: ProcessGroupOptions): Promise<ProcessGroupResult> {
  const started = performance.now();
  if (live.interrupted) {
    return Promise.resolve({ exitCode: null, signal: 'SIGKILL', timedOut: false, stdout: [], stderr: [], fd3: [], durationMs: 0 });
  }
  return new Promise((resolve) => {
    const stdinMode = options.stdin !== undefined ? 'pipe' : 'ignore';
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true, // setsid(): the child's pid is the group id
      stdio: options.fd3 ? [stdinMode, 'pipe', 'pipe', 'pipe'] : [stdinMode, 'pipe', 'pipe'],
    });
    const chunks: Buffer[][] = [[], [], []];
    const streams = [child.stdout, child.stderr, options.fd3 ? (child.stdio[3] as NodeJS.ReadableStream | null) : null];
    streams.forEach((stream, i) => stream?.on('data', (d: Buffer) => chunks[i]!.push(d)));
    if (child.pid !== undefined) live.groups.add(child.pid);
    // The shim's `ready <pid>` lines, as they come: the processes to kill when the step ends.
    const root = options.env['MIPRIG_ROOT'];
    const reported: number[] = [];
    let partial = '';
    if (root !== undefined) {
      streams[2]?.on('data', (d: Buffer) => {
        const lines = (partial + d.toString('latin1')).split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          const m = /^ready (\d+)$/.exec(line);
          if (m && Number(m[1]) !== child.pid) {
            reported.push(Number(m[1]));
            live.reported.set(Number(m[1]), root);
          }
        }
      });
    }
    let timedOut = false;
    let exitCode: number | null = null;
    let signal: string | null = null;
    let spawnError: Error | undefined;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drain);
      killGroup(child.pid);
      if (child.pid !== undefined) live.groups.delete(child.pid);
      for (const pid of reported) {
        killReported(pid, root!);
        live.reported.delete(pid);
      }
      for (const stream of streams) (stream as unknown as { destroy?: () => void } | null)?.destroy?.();
      const text = (i: number): string[] => toLines(Buffer.concat(chunks[i]!).toString('utf8'));
      const stderr = text(1);
      if (spawnError) stderr.push(`miprig: could not start ${file}: ${spawnError.message}`);
      resolve({ exitCode, signal, timedOut, stdout: text(0), stderr, fd3: text(2), durationMs: performance.now() - started });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    let drain: NodeJS.Timeout | undefined;
    child.on('error', (err) => {
      spawnError = err;
      exitCode = null;
      finish();
    });
    child.on('exit', (code, sig) => {
      exitCode = code;
      signal = sig;
      // Whatever the leader did, leave no member of its group behind; then give the pipes a
      // moment to deliver what was written before closing them ourselves.
      killGroup(child.pid);
      drain = setTimeout(finish, DRAIN_AFTER_EXIT_MS);
    });
    child.on('close', finish);
    if (options.stdin !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // a program that exits without reading its input
      child.stdin.end(options.stdin);
    }
  });
}

function killGroup(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false; // ESRCH: the group is already gone.
  }
}

function toLines(output: string): string[] {
  if (output === '') return [];
  const lines = output.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
