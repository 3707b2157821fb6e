/**
 * What upip holds on the GC heap, so that a small `-X heapsize` fails where the real binary fails
 * and with its `MemoryError` text. Only the allocations that decide the outcome are modelled:
 * upip's working set (two stages), the TLS state of each connection (a build fact), the
 * `uzlib.DecompIO` object and its window.
 *
 * Calibration: bare `micropython -X heapsize=N -m upip install` (no harness on the heap; the
 * LD_PRELOAD shim redirects traffic) on v1.19.1 unix x64 built two ways, a one-file sdist with a
 * 4 KiB window, N in 512-byte steps:
 * - upstream defaults (axTLS, 320 B per connection): ≤ 10 240 fails allocating 1336 bytes (the
 *   DecompIO object), 10 752–14 336 fails allocating 4096 bytes (the window), ≥ 14 848 installs;
 * - Debian's libmbedtls 2.28.3 (41 024 B per connection, largest block 40 768 B): ≤ 47 104 fails
 *   at the first connection's 40 768 bytes, 49 152 at the second's, 50 176–51 200 at the DecompIO
 *   object, 52 224–55 296 at the window, ≥ 56 320 installs (48 128 failed allocating 64 bytes, a
 *   fragmentation case the model does not reproduce).
 * A first-fit heap holding 6 272 bytes when the first connection opens and 8 448 bytes when the
 * second does (the index JSON and its parse kept), each stage including the start-up baseline,
 * reproduces every threshold above on both builds. Ports with 4-byte words get half of the working
 * set (not verified on hardware); TLS figures are the build's own.
 */
import type { BuildProfile } from '../device/buildProfile.ts';
import type { Heap, HeapHandle } from '../device/heap.ts';
import { allocateTlsConnection } from '../device/tlsOnHeap.ts';

/** Bytes in use when upip opens its first connection, start-up baseline included (unix x64, bare). */
export const UPIP_FIRST_CONNECTION_BYTES = 6272;
/** Bytes in use when it opens the next one (index JSON parsed and kept). */
export const UPIP_LATER_CONNECTION_BYTES = 8448;
/** `mp_obj_malloc(mp_obj_decompio_t)` (unix x64): the size its MemoryError names. */
export const DECOMPIO_OBJECT_BYTES = 1336;

export class UpipHeap {
  private readonly scale: number;
  private readonly stages: HeapHandle[] = [];
  private connections = 0;

  constructor(
    private readonly heap: Heap,
    wordBytes: 4 | 8,
    private readonly build: BuildProfile,
  ) {
    this.scale = wordBytes / 8;
  }

  get decompioObjectBytes(): number {
    return Math.round(DECOMPIO_OBJECT_BYTES * this.scale);
  }

  /** Take the first stage of the working set (once), minus the heap's start-up baseline. */
  reserveWorkingSet(): void {
    if (this.stages.length > 0) return;
    const want = Math.round(UPIP_FIRST_CONNECTION_BYTES * this.scale) - this.heap.memAlloc();
    this.stages.push(this.heap.allocate(Math.max(0, want)));
  }

  /**
   * `ussl.wrap_socket(...)`: the build's TLS state for one connection, its largest block first (the
   * size a MemoryError names). From the second connection on, the working set has grown first.
   */
  openConnection(): HeapHandle[] {
    if (this.connections === 1) {
      this.stages.push(this.heap.allocate(Math.round((UPIP_LATER_CONNECTION_BYTES - UPIP_FIRST_CONNECTION_BYTES) * this.scale)));
    }
    this.connections++;
    return allocateTlsConnection(this.heap, this.build.tls);
  }

  /** `m_new(byte, n)`: throws `MemoryError: memory allocation failed, allocating n bytes`. */
  allocate(n: number): HeapHandle {
    return this.heap.allocate(n);
  }

  free(handle: HeapHandle | readonly HeapHandle[] | undefined): void {
    if (handle === undefined) return;
    for (const h of Array.isArray(handle) ? handle : [handle]) this.heap.free(h);
  }

  /** `gc.mem_free() + gc.mem_alloc()`. */
  get pool(): number {
    return this.heap.pool;
  }
}
