import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmdirSync, rmSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LAUNCHER_FILE } from './launcher.ts';

const PREFIX = 'miprig-';

/**
 * Create an empty run root `<dir>/miprig-XXXXXX` (see `runRootParent`) and return its real
 * (symlink-free) path, so the binary's cwd and the shim's path mapping agree on the spelling.
 *
 * @example
 * const root = await createRunRoot(); // '/tmp/miprig-Zx81Qa'
 */
export async function createRunRoot(): Promise<string> {
  // The temp directory's real path is resolved once; mkdtemp adds no links below it. Sync calls:
  // these are single, tiny syscalls on every scenario's critical path, cheaper than a trip
  // through the thread pool.
  realTmpdir ??= runRootParent();
  return mkdtempSync(path.join(realTmpdir, PREFIX));
}

let realTmpdir: string | undefined;

/** Environment variable naming the folder run roots are made in. */
export const RUN_ROOT_DIR_ENV = 'MIPRIG_RUN_ROOT_DIR';

/**
 * Where run roots go: `$MIPRIG_RUN_ROOT_DIR`; else `/dev/shm` when it is a writable memory
 * filesystem with at least 1 GiB free (creating and removing a run root there costs a fraction
 * of what it does on a disk: removal 0.15 vs 0.84 ms per scenario, measured on ext4); else the
 * temp folder (Docker's default 64 MiB /dev/shm is too small to share with `--jobs`).
 */
function runRootParent(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[RUN_ROOT_DIR_ENV];
  if (explicit) return realpathSync(explicit);
  try {
    const fs = statfsSync('/dev/shm');
    accessSync('/dev/shm', constants.W_OK);
    if (fs.type === TMPFS_MAGIC && fs.bavail * fs.bsize >= 1024 ** 3) return '/dev/shm';
  } catch {
    // no /dev/shm (not Linux, or not mounted): the temp folder
  }
  return realpathSync(os.tmpdir());
}

/**
 * The folder run roots are made in (see `runRootParent`), real path.
 *
 * @example
 * runRootFolder(); // '/dev/shm' on a Linux host with a large tmpfs there
 */
export function runRootFolder(): string {
  realTmpdir ??= runRootParent();
  return realTmpdir;
}

/** `f_type` of tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/**
 * Delete a run root and everything under it. Idempotent. Refuses (throws) any path that is not a
 * `miprig-*` directory directly under the temp directory, so a bad argument cannot delete real data.
 *
 * @example
 * await removeRunRoot(root);
 */
export async function removeRunRoot(root: string): Promise<void> {
  assertRunRoot(root);
  await rm(root, { recursive: true, force: true });
}

/**
 * {@link removeRunRoot}, synchronously. A run root holds a handful of entries: the sync calls cost
 * the event loop about a third of what the callback-based `rm` does (~0.2 vs ~0.6 ms of main
 * thread per root), and the harness's main thread is what serves the binary's requests.
 *
 * @example
 * removeRunRootSync(root);
 */
export function removeRunRootSync(root: string): void {
  assertRunRoot(root);
  try {
    removeTree(root);
  } catch {
    // Anything unusual (a read-only directory the binary made, a race): the thorough way.
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Depth-first unlink/rmdir from one directory listing per directory. Node 20's recursive `rmSync`
 * is a JavaScript rimraf that lstats every entry and retries; a run root is a small tree this
 * process created, and this costs about a third of it (measured: 1.4 → 0.4 ms per run root).
 */
function removeTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removeTree(full);
    else unlinkSync(full);
  }
  rmdirSync(dir);
}

function assertRunRoot(root: string): void {
  realTmpdir ??= runRootParent();
  const parent = path.dirname(root);
  if (!path.basename(root).startsWith(PREFIX) || (parent !== realTmpdir && parent !== os.tmpdir())) {
    throw new Error(
      `removeRunRoot: refusing to delete ${JSON.stringify(root)}: not a ${PREFIX}* directory directly under ${realTmpdir}; pass a path from createRunRoot()`,
    );
  }
}

/**
 * Host path of a device path: absolute device paths live under the run root; relative entries
 * (`''`, `.frozen`, `lib`) and `~/…` (expanded by the binary from HOME) stay as they are.
 *
 * @example
 * toHostPath('/tmp/miprig-ab', '/lib'); // '/tmp/miprig-ab/lib'
 * toHostPath('/tmp/miprig-ab', '.frozen'); // '.frozen'
 */
export function toHostPath(root: string, devicePath: string): string {
  if (!devicePath.startsWith('/')) return devicePath;
  return devicePath === '/' ? root : root + devicePath;
}

/**
 * Device path of a host path under the run root. Throws for a path outside it (the device cannot
 * name such a file; an escape is reported separately).
 *
 * @example
 * toDevicePath('/tmp/miprig-ab', '/tmp/miprig-ab/home/.micropython/lib'); // '/home/.micropython/lib'
 */
export function toDevicePath(root: string, hostPath: string): string {
  if (hostPath === root) return '/';
  if (hostPath.startsWith(root + '/')) return hostPath.slice(root.length);
  throw new Error(`toDevicePath: ${JSON.stringify(hostPath)} is not under the run root ${JSON.stringify(root)}`);
}

/** The unix port's default search path, in device terms (HOME is `/home` on the device). */
export const DEFAULT_DEVICE_PATH = ['.frozen', '/home/.micropython/lib', '/usr/lib/micropython'];

/**
 * The MICROPYPATH value for a device search path (everything after `sys.path[0]`, which the binary
 * always sets to `''`). `.frozen` must be listed or frozen `mip`/`upip` cannot be imported.
 *
 * @example
 * micropyPath('/tmp/miprig-ab'); // '.frozen:/tmp/miprig-ab/home/.micropython/lib:/tmp/miprig-ab/usr/lib/micropython'
 */
export function micropyPath(root: string, devicePath: string[] = DEFAULT_DEVICE_PATH): string {
  for (const entry of devicePath) {
    if (entry.includes(':')) {
      throw new Error(`micropyPath: entry ${JSON.stringify(entry)} contains ':', which MICROPYPATH cannot express`);
    }
  }
  return devicePath.map((entry) => toHostPath(root, entry)).join(':');
}

/**
 * Write device files into a run root (parents created).
 *
 * @example
 * await writeDeviceFiles(root, new Map([['/lib/a.py', new TextEncoder().encode('x = 1\n')]]));
 */
export async function writeDeviceFiles(root: string, files: Map<string, Uint8Array>): Promise<void> {
  for (const [devicePath, bytes] of files) {
    if (!devicePath.startsWith('/') || devicePath.split('/').includes('..')) {
      throw new Error(`writeDeviceFiles: ${JSON.stringify(devicePath)} is not an absolute device path without '..'`);
    }
    const host = toHostPath(root, devicePath);
    mkdirSync(path.dirname(host), { recursive: true });
    writeFileSync(host, bytes);
  }
}

/**
 * Every regular file under the run root as device path → bytes, sorted by path. Symlinks and
 * other special files are skipped, and so is the launcher at the root.
 *
 * @example
 * const files = await readBack(root); // Map { '/home/.micropython/lib/pkg.py' => Uint8Array }
 */
/** The harness's own folder in a run root (installer sources of `--installer-src`): never read back. */
export const HARNESS_DIR = '_miprig';

export async function readBack(root: string): Promise<Map<string, Uint8Array>> {
  // Synchronous on purpose: a run root holds a handful of small files, and the sync calls skip
  // a thread-pool round trip per file (this is on every scenario's critical path).
  const found: Array<[string, Uint8Array]> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const host = path.join(dir, entry.name);
      // Dirent types come from lstat semantics: a symlink is neither a directory nor a file here.
      if (entry.isDirectory()) {
        if (!(dir === root && entry.name === HARNESS_DIR)) walk(host);
      }
      else if (entry.isFile() && !(dir === root && entry.name === LAUNCHER_FILE)) {
        found.push([toDevicePath(root, host), new Uint8Array(readFileSync(host))]);
      }
    }
  };
  walk(root);
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(found);
}
