import { execa } from 'execa';
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
 * Run a program as the leader of a new process group; on timeout SIGKILL the whole group
 * (`kill(-pgid)`), so children it spawned die with it and cannot hold the output pipes open.
 *
 * @example
 * const r = await runProcessGroup('/bin/sh', ['-c', 'echo hi'], { cwd: '/tmp', env: {}, timeoutMs: 1000 });
 * r.stdout; // ['hi']
 */
export async function runProcessGroup(
  file: string,
  args: string[],
  options: ProcessGroupOptions,
): Promise<ProcessGroupResult> {
  const started = performance.now();
  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    detached: true, // setsid(): the child's pid is the group id
    reject: false,
    stripFinalNewline: false,
    ...(options.fd3
      ? { stdio: [options.stdin !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe'] as const }
      : options.stdin !== undefined
        ? {}
        : { stdin: 'ignore' as const }),
    ...(options.stdin !== undefined ? { input: options.stdin } : {}),
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, options.timeoutMs);
  let result;
  try {
    result = await child;
  } finally {
    clearTimeout(timer);
    // Whatever the leader did, leave no member of its group behind.
    killGroup(child.pid);
  }
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    timedOut,
    stdout: toLines(result.stdout),
    stderr: toLines(result.stderr),
    fd3: options.fd3 ? toLines((result.stdio as readonly unknown[])[3]) : [],
    durationMs: performance.now() - started,
  };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

function toLines(output: unknown): string[] {
  if (typeof output !== 'string' || output === '') return [];
  const lines = output.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
