import { isWithin, resolveDevicePath } from './devicePath.ts';

/** One mounted filesystem as the device sees it. */
export interface Mount {
  /** Absolute normalised mount point, e.g. `/rom`. */
  path: string;
  /** `rom` is VfsRom: no `mkdir` method, never writable. */
  kind: 'rom' | 'fat' | 'lfs';
  readOnly: boolean;
}

/**
 * The mount points of a device. Anything not below a declared mount belongs to the root
 * filesystem, which is writable.
 *
 * @example
 * const t = new MountTable([{ path: '/rom', kind: 'rom', readOnly: true }]);
 * t.mountFor('/rom/lib/x.py')?.kind  // 'rom'
 * t.mountFor('/lib/x.py')            // undefined
 */
export class MountTable {
  /** Longest mount point first, so the deepest mount wins. */
  private readonly mounts: Mount[];

  constructor(mounts: Iterable<Mount>) {
    this.mounts = [...mounts]
      .map((m) => ({ ...m, path: resolveDevicePath(m.path, '/').path }))
      .sort((a, b) => b.path.length - a.path.length);
  }

  /** The mount that holds absolute normalised `path` (the mount point itself included). */
  mountFor(path: string): Mount | undefined {
    return this.mounts.find((m) => isWithin(path, m.path));
  }

  /** True when a mount of `kind` is declared at exactly `path`. */
  has(path: string, kind?: Mount['kind']): boolean {
    return this.mounts.some((m) => m.path === path && (kind === undefined || m.kind === kind));
  }

  /** Every mount point. */
  get paths(): string[] {
    return this.mounts.map((m) => m.path);
  }
}
