import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { UsageError } from '../cli/UsageError.ts';
import { formatMake } from './buildConfigs.ts';
import type { InterruptScope } from './interruptGuard.ts';

/*
 * Variables micropython's Makefiles read from the environment as well as from the command line
 * (`BUILD ?= …`, `ifdef DEBUG`, every `MICROPY_*` switch). A shell that happens to export one
 * would silently change what a configuration builds, so they are dropped, as are an outer
 * make's job-server flags.
 */
const MAKE_VARIABLES = new Set([
  'BUILD', 'PROG', 'VARIANT', 'VARIANT_DIR', 'DEBUG', 'COPT', 'CFLAGS_EXTRA', 'LDFLAGS_EXTRA',
  'FROZEN_MANIFEST', 'USER_C_MODULES', 'CROSS_COMPILE', 'STRIP', 'V', 'BUILD_VERBOSE',
  'MAKEFLAGS', 'MFLAGS', 'MAKELEVEL',
]);

/**
 * The environment make runs with: the user's own (PATH, CC, …) minus the micropython make
 * variables listed above, plus `extra`.
 *
 * @example
 * makeEnvironment({ PATH: '/usr/bin', DEBUG: '1', MICROPY_PY_BTREE: '0' }, { SOURCE_DATE_EPOCH: '1700000000' });
 * // { PATH: '/usr/bin', SOURCE_DATE_EPOCH: '1700000000' }
 */
export function makeEnvironment(base: NodeJS.ProcessEnv, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || MAKE_VARIABLES.has(key) || key.startsWith('MICROPY_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export interface MakeOptions {
  /** The top of the source tree (`-C` paths are relative to it). */
  cwd: string;
  env: Record<string, string>;
  /** Appended to: a `$ make …` line, then everything make prints. */
  logFile: string;
  /** Also copy make's output to this process's stdout/stderr. */
  verbose: boolean;
  scope: InterruptScope;
}

/**
 * Run `make args…` as its own process group (so an interrupt kills every compiler it started),
 * appending its output to the log. Returns the exit status (null when killed by a signal); a
 * missing `make` is a one-line {@link UsageError}.
 *
 * @example
 * const status = await runMake(['-C', 'mpy-cross', '-j2'], { cwd: tree, env, logFile, verbose: false, scope });
 */
export async function runMake(args: string[], options: MakeOptions): Promise<number | null> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  log.write(`$ ${formatMake(args)}\n`);
  try {
    return await new Promise<number | null>((resolve, reject) => {
      const child = spawn('make', args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const release = options.scope.adopt(child.pid);
      child.stdout.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (options.verbose) process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (options.verbose) process.stderr.write(chunk);
      });
      child.on('error', (err: NodeJS.ErrnoException) => {
        release();
        reject(
          err.code === 'ENOENT'
            ? new UsageError('make is not on PATH: install the build tools (Debian: apt install build-essential pkg-config libffi-dev python3)')
            : new UsageError(`could not run make: ${err.message}`),
        );
      });
      child.on('close', (code) => {
        release();
        resolve(code);
      });
    });
  } finally {
    await new Promise<void>((resolve) => log.end(resolve));
  }
}
