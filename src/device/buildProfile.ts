/**
 * What varies between ordinary builds of one MicroPython version and changes what an installer
 * does: the TLS library and the GC heap one connection keeps, the modules compiled in, the C-stack
 * budget. The virtual device runs with the *reference build* of its version (upstream's own
 * `make -C ports/unix` at the tag, submodules at the tag's commits) unless it is given the facts a
 * real binary was probed for (`virtual@<binary>` in `--backend all`).
 */
import { compareVersions, type Version } from '../scenario/version.ts';
import type { PortName } from '../scenario/schema.ts';

export interface BuildProfile {
  /** `upstream defaults`, or how the build differs (`system mbedTLS, no btree`). */
  label: string;
  tls: {
    library: 'axtls' | 'mbedtls' | 'mbedtls-system' | 'none';
    /** GC heap one connection keeps once its handshake is done (`gc.mem_alloc()` after − before the wrap). */
    heapPerConnection: number;
    /** Its largest block: the size a MemoryError names when a connection does not fit. */
    largestAllocation: number;
  };
  /** Modules upstream's build has and this one lacks (`btree` with MICROPY_PY_BTREE=0). */
  absentModules: readonly string[];
  /** Depth a trivial recursive function reaches (the C-stack budget; 176 on every unix x64 build measured). */
  recursionDepth: number;
}

/**
 * Upstream defaults per version, unix x64, measured bare (no harness on the heap) with miprig's
 * build-fact probe on binaries built by `make -C ports/unix` at each tag with gcc 12.2 (Debian 12):
 * TLS heap is `gc.mem_alloc()` after − before the installer's wrap call on a connected socket,
 * handshake done; the largest block is what the same handshake's MemoryError names at
 * `-X heapsize=16K`. The same probe on builds with Debian's libmbedtls 2.28.3 gave 41 024–41 120 B
 * per connection (largest block 40 040–40 784 B), and on btree-off builds the same TLS figures.
 */
const UNIX_REFERENCE: ReadonlyArray<{ from: Version; tls: BuildProfile['tls'] }> = [
  { from: '1.27.0', tls: { library: 'mbedtls', heapPerConnection: 3584, largestAllocation: 3584 } }, // bundled 3.6.2
  { from: '1.24.0', tls: { library: 'mbedtls', heapPerConnection: 3424, largestAllocation: 3424 } }, // bundled 3.5.1
  { from: '1.22.0', tls: { library: 'mbedtls', heapPerConnection: 40384, largestAllocation: 39712 } }, // bundled 2.28.3
  { from: '1.20.0', tls: { library: 'mbedtls', heapPerConnection: 40224, largestAllocation: 39944 } }, // bundled 2.16.10
  { from: '0.0.0', tls: { library: 'axtls', heapPerConnection: 320, largestAllocation: 320 } }, // v1.19.1 axTLS
];

/** The C-stack budget of every unix x64 build measured (1.19.1–1.27.0, all three configurations). */
export const REFERENCE_RECURSION_DEPTH = 176;

/**
 * The reference build of a port at a version. Only unix builds were measured; other ports get the
 * unix x64 TLS figures as an estimate (their TLS state often lives outside the GC heap).
 *
 * @example
 * referenceBuild('unix', '1.19.1').tls.library          // 'axtls'
 * referenceBuild('unix', '1.22.2').tls.heapPerConnection // 40384
 */
export function referenceBuild(port: PortName, version: Version): BuildProfile {
  void port;
  const row = UNIX_REFERENCE.find((r) => compareVersions(version, r.from) >= 0) ?? UNIX_REFERENCE[UNIX_REFERENCE.length - 1]!;
  return { label: 'upstream defaults', tls: row.tls, absentModules: [], recursionDepth: REFERENCE_RECURSION_DEPTH };
}

/**
 * A heap size as a scenario states it, for one build: `64K`, or relative to what the build's TLS
 * keeps per connection, `12K + tls`, so a low-memory outcome holds on every build (an axTLS build
 * keeps 320 B per connection, one with the system mbedTLS 41 KiB). Returns what `-X heapsize=`
 * takes (`12608`, or the plain size unchanged).
 *
 * @example
 * resolveHeapSize('12K + tls', referenceBuild('unix', '1.19.1')) // '12608'
 * resolveHeapSize('64K', referenceBuild('unix', '1.19.1'))       // '64K'
 */
export function resolveHeapSize(heap: string, build: BuildProfile): string {
  const m = HEAP_EXPRESSION.exec(heap);
  if (!m) return heap;
  const [, n, unit] = m;
  const base = Number(n) * (unit?.toUpperCase() === 'K' ? 1024 : unit?.toUpperCase() === 'M' ? 1024 * 1024 : 1);
  return String(base + build.tls.heapPerConnection);
}

/** `<size> + tls`: the form {@link resolveHeapSize} resolves. */
export const HEAP_EXPRESSION = /^\s*(\d+)\s*([KkMm]?)\s*\+\s*tls\s*$/;

/**
 * Rounds a dependency cycle or redirect loop reaches on a build, from the count measured on the
 * reference build: the limit comes from the C stack, so it scales with the build's budget.
 *
 * @example
 * scaleByStack(113, referenceBuild('unix', '1.27.0')) // 113
 */
export function scaleByStack(referenceRounds: number, build: BuildProfile): number {
  return Math.floor((referenceRounds * build.recursionDepth) / REFERENCE_RECURSION_DEPTH);
}

/**
 * Modules ordinary unix builds turn off with a build option (`MICROPY_PY_BTREE=0`,
 * `MICROPY_PY_FFI=0` where libffi is missing): build facts, read from each binary by the probe;
 * the reference build has them all.
 */
export const OPTIONAL_MODULES = ['btree', 'ffi'] as const;
