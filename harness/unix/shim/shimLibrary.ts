import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../../cacheDir.ts';

/** The shim's C source, shipped next to this module. */
export const SHIM_SOURCE = fileURLToPath(new URL('./miprig_shim.c', import.meta.url));

/** A compiled shim, or why there is none (the backend then falls back to the Python launcher). */
export type ShimLibrary = { kind: 'shim'; path: string; compiler: string } | { kind: 'unavailable'; reason: string };

/** Word size of an ELF executable (the shim must match it), or undefined for anything else. */
export function elfClass(file: string): 32 | 64 | undefined {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    if (readSync(fd, head, 0, 5, 0) !== 5 || head.readUInt32BE(0) !== 0x7f454c46) return undefined;
    return head[4] === 1 ? 32 : head[4] === 2 ? 64 : undefined;
  } finally {
    closeSync(fd);
  }
}

const building = new Map<string, Promise<ShimLibrary>>();

/**
 * The LD_PRELOAD shim for binaries of this word size, compiled on first use with the system C
 * compiler (`$CC`, else `cc`) and cached by source hash under {@link cacheDir}`/shim/`. Whoever
 * built a micropython binary has a compiler; without one this answers `unavailable` with the
 * reason instead of throwing.
 *
 * @example
 * const shim = await shimLibrary(64);
 * if (shim.kind === 'shim') env.LD_PRELOAD = shim.path;
 */
export function shimLibrary(bits: 32 | 64, env: NodeJS.ProcessEnv = process.env): Promise<ShimLibrary> {
  const source = readFileSync(SHIM_SOURCE);
  const compiler = env['CC'] || 'cc';
  const flags = ['-shared', '-fPIC', '-O1', '-fno-inline', ...(bits === 32 ? ['-m32'] : [])];
  const hash = createHash('sha256').update(source).update(JSON.stringify([compiler, flags])).digest('hex').slice(0, 16);
  const dir = path.join(cacheDir(env), 'shim');
  const target = path.join(dir, `miprig-shim-${bits}-${hash}.so`);
  let pending = building.get(target);
  if (!pending) {
    pending = compile(compiler, flags, target, dir);
    building.set(target, pending);
  }
  return pending;
}

async function compile(compiler: string, flags: string[], target: string, dir: string): Promise<ShimLibrary> {
  if (existsSync(target)) return { kind: 'shim', path: target, compiler };
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    return { kind: 'unavailable', reason: `cannot create the cache folder ${dir} (${(err as Error).message}); set MIPRIG_CACHE_DIR` };
  }
  // Built under a temporary name and renamed: concurrent miprig processes never load half a file.
  const temp = `${target}.${process.pid}.tmp`;
  const { execa } = await import('execa'); // once per cache miss: not loaded at start-up
  const r = await execa(compiler, [...flags, '-o', temp, SHIM_SOURCE, '-ldl'], { reject: false, stdin: 'ignore', all: true });
  if (r.exitCode !== 0 || !existsSync(temp)) {
    rmSync(temp, { force: true });
    const why = r.failed && r.exitCode === undefined ? `${compiler} was not found` : `${compiler} failed: ${String(r.all ?? '').split('\n').slice(0, 3).join(' ')}`;
    return { kind: 'unavailable', reason: `no LD_PRELOAD shim (${why}); install a C compiler or set CC` };
  }
  renameSync(temp, target);
  return { kind: 'shim', path: target, compiler };
}
