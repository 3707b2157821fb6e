import type { DeviceFs } from './Device.ts';
import { PyException, osError } from '../py/PyException.ts';
import { isWithin, parentOf, resolveDevicePath } from './devicePath.ts';
import type { MountTable } from './MountTable.ts';
import { concatBytes } from '../bytes/concatBytes.ts';

const ENOENT = 2;
const EBADF = 9;
const EEXIST = 17;
const ENOTDIR = 20;
const EISDIR = 21;
const EROFS = 30;


/**
 * Which writes count as escapes. Escape rule, applied to every `mkdir` and `openWrite`:
 *
 * 1. a `..` that climbs above `/` is an escape (the unix backend's shim clamps it at `/` of the
 *    run root and reports it, as recorded here);
 * 2. a relative path that stays inside the cwd tree is not an escape;
 * 3. otherwise the normalised absolute path must lie in one of `roots` (the unix port uses `/`:
 *    every device path is mapped into the run root on a real binary).
 *
 * Escaping writes still happen on the virtual fs (it is virtual); they are only recorded.
 */
export interface EscapePolicy {
  roots: string[];
}

/** A node of the device's tree: a folder, or a file's bytes as written (joined when read). */
type Entry = { kind: 'dir' } | { kind: 'file'; chunks: Uint8Array[]; size: number };

/**
 * The device's filesystem: a map of absolute paths to folders and files, plus a mount table,
 * speaking MicroPython's errors. Every error is decided here (mounts, read-only, VfsRom, missing
 * parents), so no Node error text ever reaches the device's output. A map rather than memfs:
 * the device needs only these six operations on normalised paths, and memfs's Node-API layer
 * (argument parsing, permission checks calling getuid, stat objects) was 13% of a 1 000-scenario
 * run's main thread.
 *
 * @example
 * const fs = new DeviceVolume(new Map([['/lib/a.py', bytes]]), { cwd: '/', mounts: new MountTable([]) });
 * fs.stat('lib/a.py')        // { isDir: false, size: bytes.length }
 * fs.mkdir('/lib')           // throws OSError: [Errno 17] EEXIST
 */
export class DeviceVolume implements DeviceFs {
  private readonly entries = new Map<string, Entry>([['/', { kind: 'dir' }]]);
  private readonly escapeSet = new Set<string>();
  /**
   * Writes that would leave the run root on a real unix machine (see `EscapePolicy`), each once:
   * the raw path when a `..` climbed above `/` (the clamped path would hide the attempt, and the
   * shim reports the raw path too), else the normalised absolute path.
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
      if (this.kindAt(abs) === 'dir') throw osError(EISDIR);
      this.entries.set(abs, { kind: 'file', chunks: [bytes.slice()], size: bytes.length });
    }
  }

  /** `'file'`, `'dir'` or `undefined`, never throwing: what the import system's stat needs. */
  kindOf(path: string): 'file' | 'dir' | undefined {
    return this.kindAt(resolveDevicePath(path, this.cwd).path);
  }

  stat(path: string): { isDir: boolean; size: number } {
    const abs = resolveDevicePath(path, this.cwd).path;
    const kind = this.kindAt(abs);
    if (kind === undefined) throw this.missing(abs);
    const entry = this.entries.get(abs)!;
    return entry.kind === 'dir' ? { isDir: true, size: 0 } : { isDir: false, size: entry.size };
  }

  mkdir(path: string): void {
    // mkdir of something that exists writes nothing (EEXIST below): no escape, as the unix
    // backend's guard sees it (upip's _makedirs walks every component from '/').
    const existing = resolveDevicePath(path, this.cwd).path;
    const abs = this.kindAt(existing) !== undefined ? existing : this.resolveForWrite(path);
    const mount = this.mounts.mountFor(abs);
    // VfsRom has no mkdir method at all: the attribute lookup fails before anything is checked.
    if (mount?.kind === 'rom') throw new PyException('AttributeError', "'VfsRom' object has no attribute 'mkdir'");
    if (mount?.readOnly) throw osError(EROFS);
    if (this.kindAt(abs) !== undefined) throw osError(EEXIST);
    this.requireParentDir(abs);
    this.entries.set(abs, { kind: 'dir' });
  }

  openWrite(path: string): { write(bytes: Uint8Array): void; close(): void } {
    const abs = this.resolveForWrite(path);
    const mount = this.mounts.mountFor(abs);
    // extmod/vfs_rom_file.c refuses any write mode with EROFS, like a read-only mount.
    if (mount?.kind === 'rom' || mount?.readOnly) throw osError(EROFS);
    if (this.kindAt(abs) === 'dir') throw osError(EISDIR);
    // open("name/", "wb") never creates a file: EISDIR whatever `name` is (unix 1.19.1 and 1.27.0, Linux 6).
    if (path.endsWith('/')) throw osError(EISDIR);
    this.requireParentDir(abs);
    // Truncated now, bytes land as written: a failure mid-file leaves what was written.
    // An existing file is truncated in place: a handle still open on it writes into the same file.
    const existing = this.entries.get(abs);
    const file: Entry & { kind: 'file' } = existing?.kind === 'file' ? existing : { kind: 'file', chunks: [], size: 0 };
    file.chunks = [];
    file.size = 0;
    this.entries.set(abs, file);
    let open = true;
    return {
      write(bytes: Uint8Array): void {
        if (!open) throw osError(EBADF);
        // A copy: writers reuse their buffers (a decompressor's window).
        file.chunks.push(bytes.slice());
        file.size += bytes.length;
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
    const kind = this.kindAt(abs);
    if (kind === undefined) throw this.missing(abs);
    if (kind === 'dir') throw osError(EISDIR);
    const file = this.entries.get(abs) as Entry & { kind: 'file' };
    if (file.chunks.length > 1) file.chunks = [concatBytes(file.chunks)];
    return (file.chunks[0] ?? new Uint8Array(0)).slice();
  }

  snapshot(): Map<string, Uint8Array> {
    const paths = [...this.entries].filter(([, e]) => e.kind === 'file').map(([p]) => p);
    paths.sort();
    const out = new Map<string, Uint8Array>();
    for (const path of paths) out.set(path, this.readFile(path));
    return out;
  }

  private kindAt(abs: string): 'file' | 'dir' | undefined {
    return this.entries.get(abs)?.kind;
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
      const kind = this.kindAt(dir);
      if (kind !== undefined) return osError(kind === 'dir' ? ENOENT : ENOTDIR);
    }
    return osError(ENOENT);
  }

  private requireParentDir(abs: string): void {
    const parent = this.kindAt(parentOf(abs));
    if (parent === 'dir') return;
    throw parent === undefined ? this.missing(abs) : osError(ENOTDIR);
  }

  /** `mkdir -p`: every missing folder on the way; a file on the way is ENOTDIR. */
  private ensureDirs(abs: string): void {
    const kind = this.kindAt(abs);
    if (kind === 'dir') return;
    if (kind === 'file') throw osError(ENOTDIR);
    this.ensureDirs(parentOf(abs));
    this.entries.set(abs, { kind: 'dir' });
  }
}
