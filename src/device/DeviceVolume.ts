import type { DeviceFs } from './Device.ts';
import { PyException, osError } from './PyException.ts';
import { isWithin, parentOf, resolveDevicePath } from './devicePath.ts';
import type { MountTable } from './MountTable.ts';

const ENOENT = 2;
const EBADF = 9;
const EEXIST = 17;
const ENOTDIR = 20;
const EISDIR = 21;
const EROFS = 30;

/** A regular file; `data` may be longer than `size` so appends are amortised. */
interface FileNode {
  data: Uint8Array;
  size: number;
}
type Node = FileNode | 'dir';

/**
 * Where writes may land on a real unix machine. A unix-port run maps HOME, the cwd and
 * `/usr/lib/micropython` (plus declared mounts) into its run root; any other absolute path is
 * the host's own. Escape rule, applied to every `mkdir` and `openWrite`:
 *
 * 1. a `..` that climbs above `/` is an escape (on the host it leaves the run root);
 * 2. a relative path that stays inside the cwd tree is not an escape;
 * 3. otherwise the normalised absolute path must lie in one of `roots` (HOME,
 *    `/usr/lib/micropython`, each mount, and the cwd unless the cwd is `/`).
 *
 * Escaping writes still happen on the virtual fs (it is virtual); they are only recorded.
 */
export interface EscapePolicy {
  roots: string[];
}

/**
 * The device's filesystem: an in-memory tree (path → file or directory) plus a mount table,
 * speaking MicroPython's errors. A plain `Map` rather than memfs: creation is a few
 * microseconds and every error is decided here, with no Node error to translate.
 *
 * @example
 * const fs = new DeviceVolume(new Map([['/lib/a.py', bytes]]), { cwd: '/', mounts: new MountTable([]) });
 * fs.stat('lib/a.py')        // { isDir: false, size: bytes.length }
 * fs.mkdir('/lib')           // throws OSError: [Errno 17] EEXIST
 */
export class DeviceVolume implements DeviceFs {
  private readonly nodes = new Map<string, Node>([['/', 'dir']]);
  private readonly escapeSet = new Set<string>();
  /**
   * Writes that would leave the run root on a real unix machine (see `EscapePolicy`), each once:
   * the normalised absolute path (what the unix backend's write guard reports), or the raw path
   * when a `..` climbed above `/` (the clamped path would hide the attempt).
   */
  readonly escapes: string[] = [];
  readonly cwd: string;
  readonly mounts: MountTable;
  private readonly escapePolicy: EscapePolicy | undefined;

  constructor(
    files: ReadonlyMap<string, Uint8Array>,
    opts: { cwd: string; mounts: MountTable; escapePolicy?: EscapePolicy; dirs?: readonly string[] },
  ) {
    this.cwd = opts.cwd;
    this.mounts = opts.mounts;
    this.escapePolicy = opts.escapePolicy;
    for (const dir of opts.dirs ?? []) this.ensureDirs(dir);
    for (const mountPoint of opts.mounts.paths) this.ensureDirs(mountPoint);
    this.ensureDirs(opts.cwd);
    for (const [path, bytes] of files) {
      const abs = resolveDevicePath(path, '/').path;
      this.ensureDirs(parentOf(abs));
      this.nodes.set(abs, { data: bytes, size: bytes.length });
    }
  }

  /** `'file'`, `'dir'` or `undefined`, never throwing: what the import system's stat needs. */
  kindOf(path: string): 'file' | 'dir' | undefined {
    const node = this.nodes.get(resolveDevicePath(path, this.cwd).path);
    return node === undefined ? undefined : node === 'dir' ? 'dir' : 'file';
  }

  stat(path: string): { isDir: boolean; size: number } {
    const abs = resolveDevicePath(path, this.cwd).path;
    const node = this.nodes.get(abs);
    if (node === undefined) throw this.missing(abs);
    return node === 'dir' ? { isDir: true, size: 0 } : { isDir: false, size: node.size };
  }

  mkdir(path: string): void {
    const abs = this.resolveForWrite(path);
    const mount = this.mounts.mountFor(abs);
    // VfsRom has no mkdir method at all: the attribute lookup fails before anything is checked.
    if (mount?.kind === 'rom') throw new PyException('AttributeError', "'VfsRom' object has no attribute 'mkdir'");
    if (mount?.readOnly) throw osError(EROFS);
    if (this.nodes.has(abs)) throw osError(EEXIST);
    this.requireParentDir(abs);
    this.nodes.set(abs, 'dir');
  }

  openWrite(path: string): { write(bytes: Uint8Array): void; close(): void } {
    const abs = this.resolveForWrite(path);
    const mount = this.mounts.mountFor(abs);
    // extmod/vfs_rom_file.c refuses any write mode with EROFS, like a read-only mount.
    if (mount?.kind === 'rom' || mount?.readOnly) throw osError(EROFS);
    if (this.nodes.get(abs) === 'dir') throw osError(EISDIR);
    this.requireParentDir(abs);
    const node: FileNode = { data: new Uint8Array(0), size: 0 };
    this.nodes.set(abs, node);
    let open = true;
    return {
      write(bytes: Uint8Array): void {
        if (!open) throw osError(EBADF);
        appendBytes(node, bytes);
      },
      close(): void {
        open = false;
      },
    };
  }

  /** `open(path, 'wb').write(bytes)` in one call. */
  writeFile(path: string, bytes: Uint8Array): void {
    const f = this.openWrite(path);
    f.write(bytes);
    f.close();
  }

  readFile(path: string): Uint8Array {
    const abs = resolveDevicePath(path, this.cwd).path;
    const node = this.nodes.get(abs);
    if (node === undefined) throw this.missing(abs);
    if (node === 'dir') throw osError(EISDIR);
    return node.data.slice(0, node.size);
  }

  snapshot(): Map<string, Uint8Array> {
    const paths: string[] = [];
    for (const [path, node] of this.nodes) if (node !== 'dir') paths.push(path);
    paths.sort();
    const out = new Map<string, Uint8Array>();
    for (const path of paths) out.set(path, this.readFile(path));
    return out;
  }

  /** Normalise a write target and record it when it escapes (the write still goes ahead). */
  private resolveForWrite(path: string): string {
    const resolved = resolveDevicePath(path, this.cwd);
    if (this.escapePolicy && this.isEscape(path, resolved.path, resolved.climbedAboveRoot)) {
      const shown = resolved.climbedAboveRoot ? path : resolved.path;
      if (!this.escapeSet.has(shown)) {
        this.escapeSet.add(shown);
        this.escapes.push(shown);
      }
    }
    return resolved.path;
  }

  private isEscape(raw: string, abs: string, climbedAboveRoot: boolean): boolean {
    if (climbedAboveRoot) return true;
    if (!raw.startsWith('/') && isWithin(abs, this.cwd)) return false;
    return !this.escapePolicy!.roots.some((root) => isWithin(abs, root));
  }

  /** ENOTDIR when a component on the way is a file (POSIX), ENOENT otherwise. */
  private missing(abs: string): PyException {
    for (let dir = parentOf(abs); dir !== '/'; dir = parentOf(dir)) {
      const node = this.nodes.get(dir);
      if (node !== undefined) return osError(node === 'dir' ? ENOENT : ENOTDIR);
    }
    return osError(ENOENT);
  }

  private requireParentDir(abs: string): void {
    const parent = this.nodes.get(parentOf(abs));
    if (parent === 'dir') return;
    throw parent === undefined ? this.missing(abs) : osError(ENOTDIR);
  }

  private ensureDirs(abs: string): void {
    for (let dir = abs; !this.nodes.has(dir); dir = parentOf(dir)) this.nodes.set(dir, 'dir');
  }
}

function appendBytes(node: FileNode, bytes: Uint8Array): void {
  const needed = node.size + bytes.length;
  if (needed > node.data.length) {
    const grown = new Uint8Array(Math.max(needed, node.data.length * 2, 256));
    grown.set(node.data.subarray(0, node.size));
    node.data = grown;
  }
  node.data.set(bytes, node.size);
  node.size = needed;
}
