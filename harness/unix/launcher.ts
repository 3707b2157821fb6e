import { pyLiteral, type PyValue } from './pyLiteral.ts';
import { pythonSource } from './python/pythonSource.ts';

/*
 * How a real binary's traffic reaches the loopback server without touching installer code.
 *
 * Chosen: a launcher module, run as `micropython -m _miprig_launch`, that puts wrapped
 * `socket`/`usocket` (and `os`/`uos`) objects into `sys.modules` before the installer is imported,
 * then runs the installer exactly the way `-m` would. The wrapped `getaddrinfo` answers every host
 * with 127.0.0.1 and maps the port (443 → the HTTPS listener, 80 → the HTTP one, extra ports per
 * table) — after asking the loopback server whether the host resolves, when the world declares a
 * DNS fault; everything else (sockets, `ssl`/`ussl`/`tls`) is the real module, so TLS, framing and
 * socket errors are the binary's own.
 *
 * Alternatives considered (tried on unix 1.19.1, 1.20.0, 1.22.2, 1.24.1, 1.27.0 binaries):
 * - LD_PRELOAD a libc `getaddrinfo` override: faithful to the last byte, but needs a C toolchain
 *   to build a shared object and cannot guard filesystem writes at the Python level.
 * - `unshare -n -m` + bind-mounted hosts file + servers on :80/:443: needs root/CAP_SYS_ADMIN, and
 *   a fresh namespace's loopback meets delayed ACKs (~90 ms per request) until quickack is set.
 * - a `socket.py` on MICROPYPATH: fails on ≤1.22 because those installers import `usocket`, and it
 *   changes the device's file tree the harness reads back.
 * The launcher needs nothing but the binary, works on 1.19.1–1.27.0, and doubles as the place to
 * guard writes outside the run root. Its costs: a few KiB of heap for the wrappers (relevant only
 * to heap-limit scenarios near the edge) and extra traceback frame lines, which the harness drops.
 *
 * Why `-m` and not `-c`: v1.27 runs `-c` through pyexec, which prints uncaught tracebacks to
 * stdout, while `-m` prints them to stderr on every version; running the launcher itself with `-m`
 * keeps an installer's traceback on the same stream as a real `-m mip` run.
 */

/** File name of the launcher inside the run root (excluded from read-back). */
export const LAUNCHER_MODULE = '_miprig_launch';
export const LAUNCHER_FILE = `${LAUNCHER_MODULE}.py`;

/** What the launcher runs once the wrappers are in place. */
export type LauncherStep =
  /**
   * `micropython -m <module> <argv…>`: `sys.argv` becomes `[module, …argv]` (in place, as ≤1.20
   * cannot rebind it) and the module is imported with the `-m` flag (`__import__(m, None, None,
   * False)`), then its `__main__` submodule if it is a package — as ports/unix/main.c does.
   */
  | { kind: 'main'; module: string; argv: string[] }
  /** `import <module>; <module>.<attr> = …; <module>.<func>(*args, **kwargs)`; prints `miprig-result: <repr>`. */
  | {
      kind: 'call';
      module: string;
      func: string;
      args?: PyValue[];
      kwargs?: Record<string, PyValue>;
      /** Module attributes to assign first, e.g. upip's `index_urls`. */
      attributes?: Record<string, PyValue>;
    }
  /** Import each module and print `miprig-import: <name> <origin>`. */
  | { kind: 'imports'; modules: string[] }
  /**
   * Read a compressed file to the end in 512-byte reads through the runtime's own decompressor
   * (`deflate.DeflateIO` from 1.21, `uzlib.DecompIO` before) and print
   * `miprig-decompress: <key>\t<result>`, the result `ok <bytes>` or the exception line (a tab,
   * since a key may hold spaces).
   */
  | { kind: 'decompress'; key: string; file: string; format: 'gzip' | 'zlib' | 'raw'; wbits: number };

export interface LauncherConfig {
  /** Absolute, symlink-free host path of the run root (the binary's cwd). */
  runRoot: string;
  /** Device port → loopback port, from {@link LoopbackServer.start}. Ports not listed are kept. */
  portMap: Record<number, number>;
  /**
   * Ask the loopback server listening on this port (its HTTP listener) whether each host the
   * installer looks up resolves: the world's `dnsFailure` faults decide per lookup (selectors,
   * `times`), and a host that does not resolve fails the way the unix port's resolver does,
   * `OSError('[addrinfo error -2]')`. Omit when the world declares no DNS fault: every host then
   * resolves to the loopback server without a query.
   */
  dnsPort?: number;
  /**
   * The whole `sys.path` to install (in place) before the step, already in host paths
   * (see `toHostPath`). Omit to keep what MICROPYPATH gave.
   */
  sysPath?: string[];
  /**
   * Set TCP_NODELAY on every socket the installer creates (default true). The installers write a
   * request in many small pieces; with Nagle on, each piece after the first waits for the server's
   * delayed ACK (~40 ms on Linux), which made one HTTPS request on v1.27 take ~95 ms instead of
   * ~7 ms. Segmentation is invisible to the installer; the bytes are unchanged.
   */
  tcpNoDelay?: boolean;
  /**
   * Where the launcher's own functions come from. `inline` (default): defined in the launcher
   * source, compiled by the binary on every run. `module`: imported from `_miprig_core`, which the
   * caller puts next to the launcher as the `.mpy` of {@link launcherCoreSource} (see
   * precompiledLauncher.ts); saves the ~0.4 ms the binary spends compiling them.
   */
  core?: 'inline' | 'module';
  step: LauncherStep;
}

/** Module name of the launcher's precompiled functions (`_miprig_core.mpy`, next to the launcher). */
export const LAUNCHER_CORE_MODULE = '_miprig_core';
export const LAUNCHER_CORE_FILE = `${LAUNCHER_CORE_MODULE}.mpy`;

/*
 * The launcher's Python is fixed text in harness/unix/python/*.py. A launcher is those files
 * joined, after two generated lines that carry the run's values as data (pyLiteral):
 *
 *   _miprig_config = […]   root, port pairs, DNS port, TCP_NODELAY, sys.path
 *   _miprig_step = […]     the step's values (see stepValues and step_<kind>.py)
 *   launcher_boot.py       defines _miprig_boot; `core: 'module'` launchers run
 *                          launcher_use_core.py instead, which imports it and the helpers from
 *                          the precompiled _miprig_core
 *   launcher_start.py      calls _miprig_boot and installs sys.path
 *   leaf.py, import_origin.py, decompress.py
 *                          the helpers the step calls (an inline launcher defines only those:
 *                          every byte of launcher costs heap)
 *   step_<kind>.py         the step
 */

/** `def _miprig_leaf(name)`: the module a dotted name imports to. */
export const LEAF: string = pythonSource('leaf');

/** `def _miprig_decompress(path, fmt, wbits)`: returns `ok <bytes>` or the exception line. */
export const DECOMPRESS: string = pythonSource('decompress');

/** `def _miprig_origin(name)`: `builtin`, `namespace`, `frozen`, a path or the exception line; needs {@link LEAF}. */
export const ORIGIN: string = pythonSource('import_origin');

/**
 * The launcher's functions as one fixed module (no per-run values): the source `mpy-cross`
 * compiles into `_miprig_core.mpy` for `core: 'module'` launchers.
 *
 * @example
 * writeFileSync(join(dir, '_miprig_core.py'), launcherCoreSource());
 * // mpy-cross _miprig_core.py → _miprig_core.mpy
 */
export function launcherCoreSource(): string {
  return [pythonSource('launcher_boot'), LEAF, ORIGIN, DECOMPRESS].join('\n');
}

/**
 * MicroPython source of the launcher for one step. Write it to `<runRoot>/_miprig_launch.py` and
 * run `micropython -m _miprig_launch` with cwd = run root.
 *
 * Protocol lines it prints (the harness takes them out of the compared output):
 * - stderr `miprig-escape: <abs path>` — a write/mkdir/remove/rename outside the run root was
 *   refused with `OSError(13)` (`[Errno 13] EACCES`);
 * - stdout `miprig-import: <name> <origin>` — origin `builtin`, `namespace`, `frozen`, an absolute
 *   path, or the exception line (`ImportError: no module named 'x'`);
 * - stdout `miprig-result: <repr>` — the return value of a `call` step;
 * - stdout `miprig-decompress: <key>\t<result>` — the result of a `decompress` step.
 *
 * Uncaught exceptions are not caught: the binary prints the traceback and exits 1 as for `-m`.
 *
 * @example
 * const source = launcherSource({
 *   runRoot: '/tmp/miprig-ab12',
 *   portMap: { 80: 40001, 443: 40002 },
 *   step: { kind: 'main', module: 'mip', argv: ['install', 'pkg'] },
 * });
 */
export function launcherSource(config: LauncherConfig): string {
  if (!config.runRoot.startsWith('/') || config.runRoot.length < 2) {
    throw new Error(`launcherSource: runRoot must be an absolute path other than "/", got ${JSON.stringify(config.runRoot)}`);
  }
  const inline = (config.core ?? 'inline') === 'inline';
  const values: PyValue[] = [
    config.runRoot.replace(/\/+$/, ''),
    Object.entries(config.portMap).map(([device, loop]) => [Number(device), Number(loop)]),
    config.dnsPort === undefined ? null : Number(config.dnsPort),
    config.tcpNoDelay ?? true,
    config.sysPath ?? null,
  ];
  return [
    `_miprig_config = ${pyLiteral(values)}`,
    `_miprig_step = ${pyLiteral(stepValues(config.step))}`,
    pythonSource(inline ? 'launcher_boot' : 'launcher_use_core'),
    pythonSource('launcher_start'),
    ...(inline ? HELPERS[config.step.kind] : []),
    pythonSource(`step_${config.step.kind}`),
  ].join('\n');
}

/** The helpers each step calls, in the order an inline launcher defines them. */
const HELPERS: Record<LauncherStep['kind'], string[]> = {
  main: [],
  call: [LEAF],
  imports: [LEAF, ORIGIN],
  decompress: [DECOMPRESS],
};

/** The step's values as `step_<kind>.py` reads them from `_miprig_step`. */
function stepValues(step: LauncherStep): PyValue {
  switch (step.kind) {
    case 'main':
      return [step.module, ...step.argv]; // sys.argv as it will be
    case 'call':
      for (const name of Object.keys(step.kwargs ?? {})) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
          throw new Error(`launcherSource: keyword argument name ${JSON.stringify(name)} is not a Python identifier`);
        }
      }
      // Attributes as pairs, not a dict: they are set in the order given.
      return [step.module, step.func, step.args ?? [], step.kwargs ?? {}, Object.entries(step.attributes ?? {})];
    case 'imports':
      return step.modules;
    case 'decompress':
      return [step.key, step.file, step.format, Number(step.wbits)];
  }
}

/**
 * One step's Python with its helpers and without the launcher's wrappers: for a VM that has the
 * sockets and paths of its own and runs the step itself (harness/vm).
 *
 * @example
 * stepSource({ kind: 'imports', modules: ['mip'] }); // "_miprig_step = ['mip']\ndef _miprig_leaf…"
 */
export function stepSource(step: LauncherStep): string {
  return [`_miprig_step = ${pyLiteral(stepValues(step))}`, ...HELPERS[step.kind], pythonSource(`step_${step.kind}`)].join('\n');
}
