/**
 * upip's per-member decisions in `install_tar` (tools/upip.py v1.12–v1.19.1, micropython-lib upip
 * 1.x), as pure functions:
 *
 * ```python
 * fname = fname[fname.index("/") + 1:]   # or "" when there is no "/"
 * for p in ("setup.", "PKG-INFO", "README"):
 *     if fname.startswith(p) or ".egg-info" in fname:
 *         if fname.endswith("/requires.txt"): meta["deps"] = f.extractfile(info).read()
 *         save = False; break
 * ...
 * deps = meta.get("deps", "").rstrip()
 * if deps: to_install.extend(deps.decode("utf-8").split("\n"))
 * ```
 */
import { PyException } from '../py/PyException.ts';

/**
 * Drop everything up to and including the first `/`; a name without `/` becomes `""`.
 *
 * @example
 * upipStripTopDir('pkg-1.0/foo/bar.py') // 'foo/bar.py'
 * upipStripTopDir('foo.py') // ''
 */
export function upipStripTopDir(name: string): string {
  const i = name.indexOf('/');
  return i < 0 ? '' : name.slice(i + 1);
}

/**
 * Whether upip skips a member (by its stripped name): `setup.*`, `PKG-INFO*`, `README*`, or
 * anything containing `.egg-info`.
 *
 * @example
 * upipSkips('setup.py') // true
 * upipSkips('foo.egg-info/requires.txt') // true
 * upipSkips('foo/README.md') // false — only a top-level README is skipped
 */
export function upipSkips(stripped: string): boolean {
  return (
    stripped.startsWith('setup.') ||
    stripped.startsWith('PKG-INFO') ||
    stripped.startsWith('README') ||
    stripped.includes('.egg-info')
  );
}

/**
 * Whether a member's content becomes upip's dependency list: a skipped name ending `/requires.txt`
 * (the last such member wins).
 *
 * @example
 * upipIsRequiresFile('foo.egg-info/requires.txt') // true
 */
export function upipIsRequiresFile(stripped: string): boolean {
  return upipSkips(stripped) && stripped.endsWith('/requires.txt');
}

/**
 * The specs upip queues from a `requires.txt` body: right-stripped, UTF-8 decoded, split on `\n`,
 * every line verbatim (extras headers and blank lines included). Empty body → no deps.
 * Invalid UTF-8 → `UnicodeError`, as `bytes.decode` raises on the device.
 *
 * @example
 * upipDepsFromRequires(new TextEncoder().encode('micropython-a\n\n[extra]\nb>=1\n'))
 * // ['micropython-a', '', '[extra]', 'b>=1']
 */
export function upipDepsFromRequires(body: Uint8Array): string[] {
  let end = body.length;
  while (end > 0 && (body[end - 1] === 0x20 || (body[end - 1]! >= 0x09 && body[end - 1]! <= 0x0d))) end--;
  if (end === 0) return [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, end));
  } catch {
    throw new PyException('UnicodeError');
  }
  return text.split('\n');
}
