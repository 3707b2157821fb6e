import os from 'node:os';
import path from 'node:path';

/**
 * Where miprig keeps what it builds once and reuses (the LD_PRELOAD shim, micropython builds):
 * `$MIPRIG_CACHE_DIR`, else `$XDG_CACHE_HOME/miprig`, else `~/.cache/miprig`. Nothing in it is
 * needed for correctness: deleting it only costs a rebuild.
 *
 * @example
 * cacheDir({ MIPRIG_CACHE_DIR: '/tmp/c' }); // '/tmp/c'
 * cacheDir({ HOME: '/home/ana' });          // '/home/ana/.cache/miprig' (without XDG_CACHE_HOME)
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['MIPRIG_CACHE_DIR']?.trim();
  if (explicit) return path.resolve(explicit);
  // XDG requires an absolute path; a relative one is ignored.
  const xdg = env['XDG_CACHE_HOME']?.trim();
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'miprig');
  return path.join(env['HOME']?.trim() || os.homedir(), '.cache', 'miprig');
}
