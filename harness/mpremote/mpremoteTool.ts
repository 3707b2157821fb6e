import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { envPathList } from '../envPathList.ts';

/** A real mpremote, ready to run: how to start it and which release it is. */
export interface MpremoteTool {
  /** What the user named (`--mpremote` or MIPRIG_MPREMOTE). */
  given: string;
  /** The program and the arguments before mpremote's own (`python3 -m mpremote`, or the installed script). */
  command: string;
  prefix: string[];
  /** Environment it needs (PYTHONPATH for a source folder). */
  env: Record<string, string>;
  /** Its release, e.g. `1.27.0` (mpremote's releases follow MicroPython's). */
  version: string;
  /** How the version was found, for the report. */
  versionFrom: string;
  /** A CPython for the pseudo-terminal bridge (standard library only). */
  python: string;
}

/** Where a Python with pyserial may be: MIPRIG_PYTHON first, then python3 on PATH, then Debian's. */
function pythonCandidates(env: NodeJS.ProcessEnv): string[] {
  return [...(env['MIPRIG_PYTHON'] ? [env['MIPRIG_PYTHON']] : []), 'python3', '/usr/bin/python3'];
}

/**
 * Find the mpremote to run from what the user named: an installed `mpremote` program (pip's
 * script), a micropython checkout, or its `tools/mpremote` folder. A source folder runs as
 * `python3 -m mpremote` with the first Python that has pyserial (mpremote's one dependency);
 * its release is read from the checkout's `py/mpconfig.h`, since mpremote run from source calls
 * itself `0.0.0-local`. Throws one line saying what to do when it cannot.
 *
 * @example
 * const tool = findMpremote('/src/micropython');   // { command: 'python3', prefix: ['-m', 'mpremote'], version: '1.27.0', … }
 */
export function findMpremote(given: string, env: NodeJS.ProcessEnv = process.env): MpremoteTool {
  const resolved = path.resolve(given);
  if (!existsSync(resolved)) throw new Error(`mpremote ${given}: no such file or folder; name an installed mpremote, a micropython checkout or its tools/mpremote`);
  if (statSync(resolved).isFile()) {
    const out = run(resolved, ['--version'], {});
    const m = out && /mpremote\s+v?(\d+\.\d+\.\d+)/.exec(out);
    if (!m) throw new Error(`mpremote ${given}: \`${given} --version\` did not print "mpremote X.Y.Z"; name an mpremote program, a micropython checkout or its tools/mpremote`);
    return { given, command: resolved, prefix: [], env: {}, version: m[1]!, versionFrom: `${given} --version`, python: env['MIPRIG_PYTHON'] ?? 'python3' };
  }
  const folder = existsSync(path.join(resolved, 'mpremote', '__init__.py'))
    ? resolved
    : existsSync(path.join(resolved, 'tools', 'mpremote', 'mpremote', '__init__.py'))
      ? path.join(resolved, 'tools', 'mpremote')
      : undefined;
  if (!folder) throw new Error(`mpremote ${given}: no mpremote package in this folder; name a micropython checkout, its tools/mpremote, or an installed mpremote program`);
  const header = path.join(folder, '..', '..', 'py', 'mpconfig.h');
  const version = existsSync(header) ? versionFromHeader(readFileSync(header, 'utf8')) : undefined;
  if (!version) throw new Error(`mpremote ${given}: cannot tell its release (no ../../py/mpconfig.h beside tools/mpremote); name the tools/mpremote of a micropython checkout, or an installed mpremote program`);
  const pythonPath = { PYTHONPATH: folder };
  // mpremote.main imports every dependency mpremote has (pyserial; platformdirs from 1.23).
  const python = pythonCandidates(env).find((p) => run(p, ['-c', 'import mpremote.main'], pythonPath) !== undefined);
  if (!python) {
    throw new Error(`mpremote ${given}: no Python that can import mpremote.main (tried ${pythonCandidates(env).join(', ')}); install its dependencies (apt-get install python3-serial python3-platformdirs, or pip install pyserial platformdirs) or set MIPRIG_PYTHON`);
  }
  return { given, command: python, prefix: ['-m', 'mpremote'], env: pythonPath, version, versionFrom: header, python };
}

/** `MIPRIG_MPREMOTE`: mpremotes, listed as `MIPRIG_MICROPYTHON` lists binaries. */
export function mpremotesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return envPathList('MIPRIG_MPREMOTE', env);
}

function versionFromHeader(text: string): string | undefined {
  const part = (name: string) => new RegExp(`#define MICROPY_VERSION_${name}\\s+\\(?(\\d+)\\)?`).exec(text)?.[1];
  const [major, minor, micro] = [part('MAJOR'), part('MINOR'), part('MICRO')];
  return major && minor && micro ? `${major}.${minor}.${micro}` : undefined;
}

/** stdout of a short command, or undefined when it fails or cannot start. */
function run(file: string, args: string[], env: Record<string, string>): string | undefined {
  try {
    return execFileSync(file, args, { env: { ...process.env, ...env, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
  } catch {
    return undefined;
  }
}
