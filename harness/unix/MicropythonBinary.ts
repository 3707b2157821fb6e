import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { createRunRoot, micropyPath, removeRunRoot, toHostPath } from './runRoot.ts';
import { runProcessGroup, type ProcessGroupResult } from './processGroup.ts';
import { pythonSource } from './python/pythonSource.ts';
import { envPathList } from '../envPathList.ts';

/** What a unix-port binary is, as far as the harness cares. */
export interface BinaryInfo {
  /** Absolute path of the binary. */
  path: string;
  /** `1.27.0` (from `sys.implementation.version`; `--version` only exists from v1.24). */
  version: string;
  versionTuple: [number, number, number];
  /** `sys.implementation._mpy` (null when the build lacks it). */
  mpy: number | null;
  /** The frozen installer `-m` can run, by trying to import it. */
  installer: 'mip' | 'upip' | null;
  /**
   * The installer as observations name it, from the binary: mip by its `__version__` (frozen
   * packages carry their manifest's version); upip, which has none, by the firmware's version.
   */
  installerIdentity: { name: string; version: string } | null;
  /** The TLS module the installers use: `tls` (≥1.23), `ssl` (1.21/1.22 C module) or `ussl`. */
  tls: 'tls' | 'ssl' | 'ussl' | null;
}

// The probe (harness/unix/python/probe_binary.py) prints one `key=value` line per fact; it runs
// with -c (its output never has a traceback).
const PROBE = pythonSource('probe_binary');

/**
 * Identify a unix-port binary: version, `.mpy` ABI, frozen installer and TLS module. Runs it once
 * in an empty scratch run root (HOME and MICROPYPATH inside it, so nothing on the host is read).
 * Throws, naming the path and what to do, when it is missing, not executable or not MicroPython.
 *
 * @example
 * const info = await probeBinary('/opt/mp/1.27.0/micropython');
 * // { version: '1.27.0', mpy: 2822, installer: 'mip', tls: 'tls', … }
 */
export async function probeBinary(binaryPath: string): Promise<BinaryInfo> {
  const absolute = path.resolve(binaryPath);
  await assertExecutable(absolute);
  const root = await createRunRoot();
  let result: ProcessGroupResult;
  try {
    result = await runMicropython(absolute, { runRoot: root, args: ['-c', PROBE], timeoutMs: 10_000 });
  } finally {
    await removeRunRoot(root);
  }
  const facts = new Map<string, string>();
  for (const line of result.stdout) {
    const eq = line.indexOf('=');
    if (eq > 0) facts.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const version = facts.get('version');
  if (result.exitCode !== 0 || version === undefined || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(
      `probeBinary: ${absolute} did not answer like a MicroPython unix port (exit ${String(result.exitCode)}` +
        `${result.timedOut ? ', timed out' : ''}; it printed ${JSON.stringify([...result.stdout, ...result.stderr].join(' ').slice(0, 120))}). ` +
        'Point MIPRIG_MICROPYTHON at a micropython binary built from ports/unix.',
    );
  }
  const [major, minor, micro] = version.split('.').map(Number) as [number, number, number];
  const mpy = facts.get('mpy');
  const installer = facts.get('installer');
  const tls = facts.get('tls');
  return {
    path: absolute,
    version,
    versionTuple: [major, minor, micro],
    mpy: mpy === undefined || mpy === 'None' ? null : Number(mpy),
    installer: installer === 'mip' || installer === 'upip' ? installer : null,
    installerIdentity:
      installer === 'mip' ? { name: 'mip', version: facts.get('mip_version') || 'unknown (no __version__)' } : installer === 'upip' ? { name: 'upip', version } : null,
    tls: tls === 'tls' || tls === 'ssl' || tls === 'ussl' ? tls : null,
  };
}

async function assertExecutable(absolute: string): Promise<void> {
  let isFile = false;
  try {
    isFile = (await stat(absolute)).isFile();
  } catch {
    throw new Error(`MicroPython binary ${absolute} does not exist; build ports/unix or fix the path (MIPRIG_MICROPYTHON).`);
  }
  if (!isFile) throw new Error(`MicroPython binary ${absolute} is not a regular file; pass the micropython executable itself.`);
  try {
    await access(absolute, constants.X_OK);
  } catch {
    throw new Error(`MicroPython binary ${absolute} is not executable; run \`chmod +x ${absolute}\`.`);
  }
}

export interface RunOptions {
  /** The run root from `createRunRoot()`: cwd of the binary, and where HOME and the lib dirs live. */
  runRoot: string;
  /** Arguments after the harness's own options, e.g. `['-m', '_miprig_launch']`. */
  args: string[];
  /** Extra environment variables (HOME and MICROPYPATH can be overridden here). */
  env?: Record<string, string>;
  /**
   * The device's search path after `''`, in device terms (absolute paths are placed under the
   * run root). Default `.frozen`, `/home/.micropython/lib`, `/usr/lib/micropython`.
   */
  devicePath?: string[];
  /** `-X heapsize=`: a byte count or the binary's syntax (`64K`, `2M`, `0x10000`, `64wK`). */
  heapsize?: number | string;
  /** Working directory as a device path (e.g. `/flash` on a pyboard profile); default the root. */
  cwd?: string;
  /** Kill the process group after this long. Default 30 s. */
  timeoutMs?: number;
  stdin?: string | Uint8Array;
}

/** Default per-step timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Run a unix-port binary inside a run root: cwd = root, `HOME=<root>/home`, MICROPYPATH from the
 * device path with absolute entries under the root, nothing else inherited from the host
 * environment. On timeout the whole process group is killed and the result has `timedOut: true`
 * with the output read so far. The exit status is returned, never thrown.
 *
 * @example
 * const r = await runMicropython('/opt/mp/1.27.0/micropython', {
 *   runRoot: root, args: ['-m', 'mip', 'install', 'pkg'], heapsize: '64K',
 * });
 * r.exitCode; r.stdout; r.stderr; r.timedOut;
 */
export async function runMicropython(binary: string | BinaryInfo, options: RunOptions): Promise<ProcessGroupResult> {
  const file = typeof binary === 'string' ? binary : binary.path;
  const args: string[] = [];
  if (options.heapsize !== undefined) {
    const size = String(options.heapsize);
    if (!/^(0x[0-9a-f]+|\d+)w?[km]?$/i.test(size)) {
      throw new Error(`runMicropython: heapsize ${JSON.stringify(size)} is not N[w][K|M] (e.g. 65536, '64K', '2M')`);
    }
    args.push('-X', `heapsize=${size}`);
  }
  args.push(...options.args);
  const env: Record<string, string> = {
    HOME: `${options.runRoot}/home`,
    MICROPYPATH: micropyPath(options.runRoot, options.devicePath),
    ...options.env,
  };
  return runProcessGroup(file, args, {
    cwd: options.cwd ? toHostPath(options.runRoot, options.cwd) : options.runRoot,
    env,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
  });
}

/**
 * Binaries named by `MIPRIG_MICROPYTHON` (colon- or comma-separated paths), or [] when unset.
 *
 * @example
 * // MIPRIG_MICROPYTHON=/opt/mp/1.27.0/micropython:/opt/mp/1.19.1/micropython
 * binariesFromEnv(); // ['/opt/mp/1.27.0/micropython', '/opt/mp/1.19.1/micropython']
 */
export function binariesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return envPathList('MIPRIG_MICROPYTHON', env);
}
