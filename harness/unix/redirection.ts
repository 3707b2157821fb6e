import { createRunRoot, removeRunRootSync } from './runRoot.ts';
import { runProcessGroup } from './processGroup.ts';
import type { BinaryInfo } from './MicropythonBinary.ts';
import { elfClass, shimLibrary } from './shim/shimLibrary.ts';

/**
 * The complete environment of a binary run under the shim, as a device sees it: HOME `/home`,
 * MICROPYPATH the device's `sys.path` after `''`, and what the shim reads. `reportFd` only when the
 * run opens fd 3 as a pipe for the shim's reports: otherwise fd 3 may be a file the binary opened.
 *
 * @example
 * runProcessGroup(info.path, ['-c', 'pass'], { cwd: root, env: shimEnv({ library, root, path: ['.frozen'] }), timeoutMs: 10_000 });
 */
export function shimEnv(o: {
  library: string;
  root: string;
  /** The device's `sys.path` after `''`. */
  path: readonly string[];
  /** The loopback server the shim connects to (its HTTP listener). */
  port?: number;
  /** Ask the server about each host (the world declares DNS faults). */
  resolve?: boolean;
  reportFd?: boolean;
  home?: string;
}): Record<string, string> {
  return {
    LD_PRELOAD: o.library,
    MIPRIG_ROOT: o.root,
    ...(o.port !== undefined ? { MIPRIG_PORT: String(o.port) } : {}),
    ...(o.reportFd ? { MIPRIG_FD: '3' } : {}),
    ...(o.resolve ? { MIPRIG_RESOLVE: '1' } : {}),
    HOME: o.home ?? '/home',
    MICROPYPATH: o.path.join(':'),
  };
}

/** Environment variable that forces the Python launcher even where the shim works (`launcher`). */
export const REDIRECT_ENV = 'MIPRIG_REDIRECT';

/**
 * How a binary's traffic and paths reach the run root and the mocked world:
 * - `shim`: the LD_PRELOAD library (shim/miprig_shim.c). Zero footprint: the binary runs bare,
 *   nothing of the harness is on its heap or stack, device paths are its own paths.
 * - `launcher`: the Python launcher (launcher.ts), the fallback where the shim cannot load (no C
 *   compiler, a static binary). It holds a few KiB of the binary's GC heap (~8 KiB measured on
 *   1.19.1 with its wrappers) and adds a Python frame to every `getaddrinfo`, so heap thresholds and
 *   recursion depths differ from a bare binary: reports name it.
 */
export type Redirection = { kind: 'shim'; library: string; description: string } | { kind: 'launcher'; reason: string };

/**
 * Decide how to drive a binary: the shim when it compiles for the binary's word size and
 * demonstrably loads into it (it writes `ready` on fd 3), the launcher otherwise, with the reason.
 *
 * @example
 * const r = await chooseRedirection(info);
 * r.kind === 'shim' ? r.library : r.reason;
 */
export async function chooseRedirection(info: BinaryInfo, env: NodeJS.ProcessEnv = process.env): Promise<Redirection> {
  if (env[REDIRECT_ENV] === 'launcher') return { kind: 'launcher', reason: `${REDIRECT_ENV}=launcher` };
  const bits = elfClass(info.path);
  if (bits === undefined) return { kind: 'launcher', reason: `${info.path} is not an ELF executable, so LD_PRELOAD cannot apply` };
  const shim = await shimLibrary(bits, env);
  if (shim.kind === 'unavailable') return { kind: 'launcher', reason: shim.reason };
  const root = await createRunRoot();
  try {
    const r = await runProcessGroup(info.path, ['-c', 'pass'], {
      cwd: root,
      env: shimEnv({ library: shim.path, root, path: ['.frozen'], reportFd: true }),
      timeoutMs: 10_000,
      fd3: true,
    });
    if (!r.fd3.some((line) => line.startsWith('ready '))) {
      return {
        kind: 'launcher',
        reason: `the LD_PRELOAD shim did not load into ${info.path} (a static binary?${r.stderr.length ? ` it printed: ${r.stderr.join(' ').slice(0, 160)}` : ''})`,
      };
    }
  } finally {
    removeRunRootSync(root);
  }
  return {
    kind: 'shim',
    library: shim.path,
    description: `LD_PRELOAD shim (getaddrinfo/connect → loopback server, device paths → run root; nothing on the binary's heap) built by ${shim.compiler}`,
  };
}
