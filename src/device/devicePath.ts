/**
 * Device path arithmetic with POSIX semantics (what the unix port gets from libc, and what
 * littlefs/FatFs resolve to on bare metal): relative paths join the cwd, `.` and empty
 * components vanish (`//` is `/`), `..` pops one component and stops at the root.
 */

/** Result of resolving a path: the clamped absolute path and whether `..` tried to climb above `/`. */
export interface ResolvedPath {
  /** Absolute, normalised: `/lib/foo.py`, `/` for the root. */
  path: string;
  /** True when a `..` would have left the root (POSIX clamps it; a host sandbox would be left). */
  climbedAboveRoot: boolean;
}

/**
 * Resolve `path` against `cwd` the way POSIX does.
 *
 * @example
 * resolveDevicePath('lib//m.py', '/flash').path   // '/flash/lib/m.py'
 * resolveDevicePath('../../x', '/a').climbedAboveRoot // true (path is '/x')
 */
export function resolveDevicePath(path: string, cwd: string): ResolvedPath {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  let climbedAboveRoot = false;
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) climbedAboveRoot = true;
      else parts.pop();
      continue;
    }
    parts.push(part);
  }
  return { path: `/${parts.join('/')}`, climbedAboveRoot };
}

/**
 * True when absolute normalised `path` is `dir` or lies below it.
 *
 * @example
 * isWithin('/lib/a.py', '/lib')  // true
 * isWithin('/library', '/lib')   // false
 */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(`${dir}/`);
}

/**
 * Parent directory of an absolute normalised path (`/` for top-level names and for `/`).
 *
 * @example
 * parentOf('/lib/a.py')  // '/lib'
 */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
