import { readFileSync } from 'node:fs';
import type { BuildProfile } from '../../src/device/buildProfile.ts';
import { OPTIONAL_MODULES, REFERENCE_RECURSION_DEPTH, referenceBuild } from '../../src/device/buildProfile.ts';
import { compareVersions } from '../../src/scenario/version.ts';
import { worldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import { LoopbackServer } from './LoopbackServer.ts';
import type { BinaryInfo } from './MicropythonBinary.ts';
import { runProcessGroup } from './processGroup.ts';
import { createRunRoot, removeRunRootSync } from './runRoot.ts';
import { pythonSource } from './python/pythonSource.ts';
import { shimEnv } from './redirection.ts';

/**
 * What varies between ordinary builds of one MicroPython version and changes installer outcomes,
 * measured on the bare binary (under the LD_PRELOAD shim, so nothing of the harness is on its heap).
 * Ordinary builds: upstream defaults (1.19.1: axTLS; 1.20+: bundled mbedTLS), the system mbedTLS
 * library (e.g. Debian's libmbedtls-dev), btree off.
 */
export interface BuildFacts {
  tls: {
    /** `axtls`, `mbedtls` (compiled in) or `mbedtls-system` (linked to libmbedtls.so), or `none`. */
    library: 'axtls' | 'mbedtls' | 'mbedtls-system' | 'none';
    /** `2.28.3` for a compiled-in mbedTLS, when the binary names it. */
    version?: string;
    /**
     * GC heap one TLS connection keeps (`gc.mem_alloc()` after minus before the installer's own
     * wrap call, handshake done, after `gc.collect()`): what low-memory outcomes hinge on.
     */
    heapPerConnection: number | null;
    /**
     * The largest single block of that state: the size a `MemoryError` names when a connection
     * does not fit (measured by the same handshake at `-X heapsize=16K`; the whole state when it fits).
     */
    largestAllocation: number | null;
    /** mbedTLS built with MBEDTLS_DEBUG_C (Debian's config): each handshake prints `DBG:…` lines. */
    debugLines: boolean;
  };
  /** `gc.mem_alloc()` right after start-up at `-X heapsize=64K`, after `gc.collect()`. */
  startupHeapBytes: number | null;
  /** Names `help('modules')` lists (built-in and frozen). */
  modules: string[];
  /** Depth a trivial recursive function reaches before `RuntimeError` (the C-stack budget). */
  recursionDepth: number | null;
  /** Upstream defaults of its version (TLS library as upstream builds it, btree on)? */
  reference: boolean;
  /** How it differs from upstream defaults, for names and reports (`system mbedTLS, no btree`), or ''. */
  differences: string;
}

/** The TLS library upstream's own `make -C ports/unix` uses at a version. */
export function referenceTls(version: string): BuildFacts['tls']['library'] {
  return compareVersions(version, '1.20.0') < 0 ? 'axtls' : 'mbedtls';
}

// The probes' Python (harness/unix/python/probe_*.py) prints one `key=value` line per fact.
const PROBE_STATIC = pythonSource('probe_startup');
const PROBE_TLS = pythonSource('probe_tls');
const PROBE_MODULES = pythonSource('probe_modules');

function tlsLibraryOf(file: string): { library: BuildFacts['tls']['library']; version?: string } {
  const bytes = readFileSync(file).toString('latin1');
  if (bytes.includes('libmbedtls.so')) return { library: 'mbedtls-system' };
  if (/axtls/i.test(bytes)) return { library: 'axtls' };
  const named = /mbed TLS (\d+\.\d+\.\d+)/i.exec(bytes);
  if (named) return { library: 'mbedtls', version: named[1]! };
  // mbedTLS 2.16 (v1.20.0) carries no version string, only MicroPython's error-name table.
  if (bytes.includes('MBEDTLS_ERR_')) return { library: 'mbedtls' };
  return { library: 'none' };
}

/**
 * Probe a binary's build facts: each fact in its own bare run (one for start-up heap and stack,
 * one TLS handshake against a loopback server, one `help('modules')`), with the shim at `shim`.
 *
 * @example
 * const facts = await probeBuildFacts(info, '/home/me/.cache/miprig/shim/miprig-shim-64-….so');
 * facts.tls.library;          // 'axtls'
 * facts.tls.heapPerConnection; // GC bytes one connection keeps
 */
export async function probeBuildFacts(info: BinaryInfo, shim: string): Promise<BuildFacts> {
  const { library, version: tlsVersion } = tlsLibraryOf(info.path);
  const server = new LoopbackServer(await createWorld(worldSpec.parse({ strict: false })));
  const ports = await server.start();
  const root = await createRunRoot();
  const env = shimEnv({ library: shim, root, port: ports.httpPort, path: ['.frozen'] });
  const run = (args: string[]) => runProcessGroup(info.path, args, { cwd: root, env, timeoutMs: 20_000 });
  try {
    const [basics, tlsRun, tlsSmall, modulesRun] = await Promise.all([
      run(['-X', 'heapsize=64K', '-c', PROBE_STATIC]),
      library === 'none' ? undefined : run(['-c', PROBE_TLS]),
      library === 'none' ? undefined : run(['-X', 'heapsize=16K', '-c', PROBE_TLS]),
      run(['-c', PROBE_MODULES]),
    ]);
    const facts = new Map<string, string>();
    for (const line of [...basics.stdout, ...(tlsRun?.stdout ?? [])]) {
      const m = /^([a-z]+)=(-?\d+)$/.exec(line);
      if (m) facts.set(m[1]!, m[2]!);
    }
    const num = (k: string): number | null => (facts.has(k) ? Number(facts.get(k)) : null);
    const modules = modulesRun.stdout
      .filter((l) => !l.startsWith('Plus'))
      .flatMap((l) => l.trim().split(/\s+/))
      .filter((n) => n !== '' && n !== '__main__')
      .sort();
    const debugLines = (tlsRun?.stdout ?? []).some((l) => l.startsWith('DBG:'));
    const failedAt = [...(tlsSmall?.stdout ?? []), ...(tlsSmall?.stderr ?? [])]
      .map((l) => /^MemoryError: memory allocation failed, allocating (\d+) bytes$/.exec(l))
      .find((m) => m !== null);
    const differences = [
      library !== referenceTls(info.version) ? (library === 'mbedtls-system' ? 'system mbedTLS' : library === 'none' ? 'no TLS' : library) : '',
      ...OPTIONAL_MODULES.filter((m) => !modules.includes(m)).map((m) => `no ${m}`),
    ].filter((d) => d !== '');
    return {
      tls: {
        library,
        ...(tlsVersion ? { version: tlsVersion } : {}),
        heapPerConnection: num('tlsheap'),
        largestAllocation: failedAt ? Number(failedAt[1]) : num('tlsheap'),
        debugLines,
      },
      startupHeapBytes: num('startup'),
      modules,
      recursionDepth: num('depth'),
      reference: differences.length === 0,
      differences: differences.join(', '),
    };
  } finally {
    removeRunRootSync(root);
    await server.stop();
  }
}

/**
 * One line for reports: `axTLS, 3 344 B TLS heap/connection, start-up heap 992 B, recursion 176`.
 *
 * @example
 * describeBuildFacts(facts); // 'mbedtls 3.6.2; TLS heap per connection 1184 B; start-up heap 992 B; recursion depth 176; btree'
 */
export function describeBuildFacts(f: BuildFacts): string {
  return [
    `${f.tls.library}${f.tls.version ? ` ${f.tls.version}` : ''}${f.tls.debugLines ? ' (prints DBG lines)' : ''}`,
    `TLS heap per connection ${f.tls.heapPerConnection ?? '?'} B (largest block ${f.tls.largestAllocation ?? '?'} B)`,
    `start-up heap ${f.startupHeapBytes ?? '?'} B`,
    `recursion depth ${f.recursionDepth ?? '?'}`,
    ...OPTIONAL_MODULES.map((m) => (f.modules.includes(m) ? m : `no ${m}`)),
  ].join('; ');
}

/**
 * The facts as the model's build profile (src/device/buildProfile.ts), for `virtual@<binary>` and
 * for resolving `<size> + tls` heaps. A fact the probe could not measure keeps the reference value.
 * Of the module table, the modules ordinary builds turn off (OPTIONAL_MODULES) are carried over.
 *
 * @example
 * new VirtualBackend(info.version, toBuildProfile(info.version, facts));
 */
export function toBuildProfile(version: string, facts: BuildFacts): BuildProfile {
  const reference = referenceBuild('unix', version);
  return {
    label: facts.differences || 'upstream defaults',
    tls: {
      library: facts.tls.library,
      heapPerConnection: facts.tls.heapPerConnection ?? reference.tls.heapPerConnection,
      largestAllocation: facts.tls.largestAllocation ?? reference.tls.largestAllocation,
    },
    absentModules: OPTIONAL_MODULES.filter((m) => !facts.modules.includes(m)),
    recursionDepth: facts.recursionDepth ?? REFERENCE_RECURSION_DEPTH,
  };
}
