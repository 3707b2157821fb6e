import { pyLiteral, type PyValue } from './pyLiteral.ts';

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
 * Alternatives considered (all verified to redirect, see reference/unix-port.md):
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

/**
 * The launcher's functions as one fixed module (no per-run values): the source `mpy-cross`
 * compiles into `_miprig_core.mpy` for `core: 'module'` launchers.
 *
 * @example
 * writeFileSync(join(dir, '_miprig_core.py'), launcherCoreSource());
 * // mpy-cross _miprig_core.py → _miprig_core.mpy
 */
export function launcherCoreSource(): string {
  return [PRELUDE, LEAF, ORIGIN, DECOMPRESS].join('\n');
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
 * - stdout `miprig-result: <repr>` — the return value of a `call` step.
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
  const root = config.runRoot.replace(/\/+$/, '');
  const inline = (config.core ?? 'inline') === 'inline';
  const helpers = HELPERS[config.step.kind];
  const lines = [
    inline
      ? PRELUDE
      : `import sys\nfrom ${LAUNCHER_CORE_MODULE} import ${['_miprig_boot', ...helpers].join(', ')}\ndel sys.modules[${pyLiteral(LAUNCHER_CORE_MODULE)}]`,
    `_miprig_boot(${pyLiteral(root)}, {${Object.entries(config.portMap)
      .map(([device, loop]) => `${Number(device)}: ${Number(loop)}`)
      .join(', ')}}, ${config.dnsPort === undefined ? 'None' : Number(config.dnsPort)}, ${pyLiteral(config.tcpNoDelay ?? true)})\ndel _miprig_boot`,
  ];
  if (config.sysPath) lines.push(`import sys\nsys.path[:] = ${pyLiteral(config.sysPath)}`);
  if (inline) lines.push(...helpers.map((name) => HELPER_SOURCE[name]));
  lines.push(stepSource(config.step));
  return `${lines.join('\n')}\n`;
}

type Helper = '_miprig_leaf' | '_miprig_origin' | '_miprig_decompress';

/** The helper functions each step calls (an inline launcher defines only these: bytes cost heap). */
const HELPERS: Record<LauncherStep['kind'], Helper[]> = {
  main: [],
  call: ['_miprig_leaf'],
  imports: ['_miprig_leaf', '_miprig_origin'],
  decompress: ['_miprig_decompress'],
};

function stepSource(step: LauncherStep): string {
  switch (step.kind) {
    case 'main':
      return [
        'import sys',
        `sys.argv[:] = ${pyLiteral([step.module, ...step.argv])}`,
        `_miprig_m = __import__(${pyLiteral(step.module)}, None, None, False)`,
        // As main.c: a package is run through its __main__ submodule, with the same -m flag.
        `if hasattr(_miprig_m, '__path__'):\n    __import__(${pyLiteral(`${step.module}.__main__`)}, None, None, False)`,
      ].join('\n');
    case 'call': {
      const assigns = Object.entries(step.attributes ?? {}).map(
        ([name, value]) => `setattr(_miprig_m, ${pyLiteral(name)}, ${pyLiteral(value)})`,
      );
      const kwargs = Object.entries(step.kwargs ?? {})
        .map(([name, value]) => {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
            throw new Error(`launcherSource: keyword argument name ${JSON.stringify(name)} is not a Python identifier`);
          }
          return `${name}=${pyLiteral(value)}`;
        });
      const args = [...(step.args ?? []).map(pyLiteral), ...kwargs].join(', ');
      return [
        `_miprig_m = _miprig_leaf(${pyLiteral(step.module)})`,
        ...assigns,
        `_miprig_r = getattr(_miprig_m, ${pyLiteral(step.func)})(${args})`,
        "print('miprig-result: ' + repr(_miprig_r))",
      ].join('\n');
    }
    case 'decompress':
      return `print('miprig-decompress: ' + ${pyLiteral(step.key)} + '\\t' + _miprig_decompress(${pyLiteral(step.file)}, ${pyLiteral(step.format)}, ${Number(step.wbits)}))`;
    case 'imports':
      return `for _miprig_n in ${pyLiteral(step.modules)}:\n    print('miprig-import: ' + _miprig_n + ' ' + _miprig_origin(_miprig_n))`;
  }
}

// Written for the common subset of v1.19.1–v1.27.0: no f-strings, no walrus, `u`-names probed.
const PRELUDE = String.raw`import sys

def _miprig_boot(root, ports, dns_port, nodelay):
    import builtins
    real_open = builtins.open

    def first(*names):
        for n in names:
            try:
                return __import__(n)
            except ImportError:
                pass

    real_socket = first('socket', 'usocket')
    real_os = first('os', 'uos')

    def norm(p):
        if isinstance(p, bytes):
            p = p.decode()
        if not p.startswith('/'):
            p = real_os.getcwd() + '/' + p
        out = []
        for seg in p.split('/'):
            if seg == '' or seg == '.':
                continue
            if seg == '..':
                if out:
                    out.pop()
                continue
            out.append(seg)
        return '/' + '/'.join(out)

    def guard(p):
        n = norm(p)
        if n != root and not n.startswith(root + '/'):
            sys.stderr.write('miprig-escape: ' + n + '\n')
            raise OSError(13)

    def w_open(file, mode='r', *args, **kw):
        if not isinstance(file, int):
            for c in 'wax+':
                if c in mode:
                    guard(file)
                    break
        return real_open(file, mode, *args, **kw)

    def w_mkdir(p, *a):
        # mkdir of an existing directory is no write: let the real call raise EEXIST, as upip's
        # makedirs walks every component from '/' and ignores exactly that.
        try:
            real_os.stat(p)
        except OSError:
            guard(p)
        return real_os.mkdir(p, *a)

    def w_remove(p):
        guard(p)
        return real_os.remove(p)

    def w_unlink(p):
        guard(p)
        return real_os.unlink(p)

    def w_rmdir(p):
        guard(p)
        return real_os.rmdir(p)

    def w_rename(a, b):
        guard(a)
        guard(b)
        return real_os.rename(a, b)

    def resolves(h):
        # One control exchange per lookup (see LoopbackServer): the harness's world decides.
        s = real_socket.socket()
        try:
            s.connect(real_socket.getaddrinfo('127.0.0.1', dns_port)[0][-1])
            s.send(b'MIPRIG-RESOLVE ' + h.encode() + b'\r\n\r\n')
            return s.recv(1) == b'1'
        finally:
            s.close()

    def w_getaddrinfo(host, port, *rest):
        h = host.decode() if isinstance(host, bytes) else host
        if dns_port is not None and not resolves(h):
            # What modsocket.c raises when libc returns EAI_NONAME.
            raise OSError('[addrinfo error -2]')
        p = int(port)
        return real_socket.getaddrinfo('127.0.0.1', ports.get(p, p), *rest)

    class Wrapped:
        # A module stand-in (built-in modules reject attribute assignment): the overrides are
        # instance attributes, everything else is looked up on the real module on demand.
        def __init__(self, real, over):
            self._miprig_real = real
            for k in over:
                setattr(self, k, over[k])

        def __getattr__(self, name):
            return getattr(self._miprig_real, name)

    def w_socket_new(*a):
        s = real_socket.socket(*a)
        try:
            s.setsockopt(6, 1, 1)  # IPPROTO_TCP, TCP_NODELAY
        except OSError:
            pass  # not a TCP socket
        return s

    over_socket = {'getaddrinfo': w_getaddrinfo}
    if nodelay:
        over_socket['socket'] = w_socket_new
    w_socket = Wrapped(real_socket, over_socket)
    over_os = {'mkdir': w_mkdir, 'rmdir': w_rmdir, 'rename': w_rename}
    if hasattr(real_os, 'remove'):
        over_os['remove'] = w_remove
    if hasattr(real_os, 'unlink'):
        over_os['unlink'] = w_unlink
    w_os = Wrapped(real_os, over_os)
    for n in ('socket', 'usocket'):
        sys.modules[n] = w_socket
    for n in ('os', 'uos'):
        sys.modules[n] = w_os
    builtins.open = w_open
`;

// Top-level helpers, emitted only for the steps that use them (every byte of launcher costs heap).
export const LEAF = String.raw`def _miprig_leaf(name):
    m = __import__(name)
    for part in name.split('.')[1:]:
        m = getattr(m, part)
    return m
`;

export const DECOMPRESS = String.raw`def _miprig_decompress(path, fmt, wbits):
    f = open(path, 'rb')
    try:
        try:
            import deflate
            d = deflate.DeflateIO(f, {'gzip': deflate.GZIP, 'zlib': deflate.ZLIB, 'raw': deflate.RAW}[fmt], wbits)
        except ImportError:
            import uzlib
            d = uzlib.DecompIO(f, {'gzip': 16 + wbits, 'zlib': wbits, 'raw': -wbits}[fmt])
        n = 0
        while True:
            b = d.read(512)
            if not b:
                break
            n += len(b)
        return 'ok ' + str(n)
    except Exception as e:
        t = type(e).__name__
        s = str(e)
        return t + ': ' + s if s else t
    finally:
        f.close()
`;

export const ORIGIN = String.raw`def _miprig_origin(name):
    import os
    try:
        m = _miprig_leaf(name)
    except Exception as e:
        t = type(e).__name__
        s = str(e)
        return t + ': ' + s if s else t
    f = getattr(m, '__file__', None)
    path = getattr(m, '__path__', None)
    if isinstance(path, str) and (path == '.frozen' or path.startswith('.frozen/')):
        return 'frozen'
    if f is None:
        return 'namespace' if path is not None else 'builtin'
    if f.startswith('/'):
        return f
    # v1.18+: a frozen module's __file__ is relative and names nothing on the filesystem.
    try:
        os.stat(f)
    except OSError:
        return 'frozen'
    c = os.getcwd()
    return (c if c.endswith('/') else c + '/') + f
`;

const HELPER_SOURCE: Record<Helper, string> = { _miprig_leaf: LEAF, _miprig_origin: ORIGIN, _miprig_decompress: DECOMPRESS };
