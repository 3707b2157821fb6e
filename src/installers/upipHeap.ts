/**
 * What upip holds on the GC heap, so that a small `-X heapsize` fails where the real binary fails
 * and with its `MemoryError` text. Only the allocations that decide the outcome are modelled:
 * upip's working set, the TLS socket object, the `uzlib.DecompIO` object and its window.
 *
 * Calibration (tools/upip.py v1.19.1 on a 1.19.1 unix x64 build with mbedTLS,
 * run by the harness launcher, 4 KiB window): heapsize 21K–22K fails allocating 3344 bytes (the
 * TLS object of the first, JSON, connection), 23K fails allocating 1336 bytes (the DecompIO
 * object), 24K–27K fails allocating 4096 bytes (the window), 28K succeeds. A first-fit heap holding
 * 19 200 bytes (the interpreter's start-up baseline included) when the first TLS object is
 * allocated reproduces all three thresholds. That figure includes the harness launcher's wrappers
 * (about 8 KiB) and the fragmentation left by compiling and parsing, which the heap model does not
 * track; a bare `micropython -m upip` has that much more headroom. Ports with 4-byte words get half
 * of each figure (not verified on hardware).
 */
import type { Heap, HeapHandle } from '../device/heap.ts';

/** Bytes in use when upip opens its first connection, start-up baseline included (unix x64). */
export const UPIP_WORKING_SET_BYTES = 19_200;
/** `ussl.wrap_socket(...)` object of the mbedTLS build (unix x64): the size its MemoryError names. */
export const UPIP_TLS_OBJECT_BYTES = 3344;
/** `mp_obj_malloc(mp_obj_decompio_t)` (unix x64): the size its MemoryError names. */
export const DECOMPIO_OBJECT_BYTES = 1336;

/**
 * upip's allocations on one device heap.
 *
 * @example
 * const h = new UpipHeap(device.heap!, 8);
 * h.reserveWorkingSet();
 * const tls = h.allocate(h.tlsObjectBytes); // MemoryError: memory allocation failed, allocating 3344 bytes
 */
export class UpipHeap {
  private readonly scale: number;
  private workingSet: HeapHandle | undefined;

  constructor(
    private readonly heap: Heap,
    wordBytes: 4 | 8,
  ) {
    this.scale = wordBytes / 8;
  }

  get tlsObjectBytes(): number {
    return Math.round(UPIP_TLS_OBJECT_BYTES * this.scale);
  }

  get decompioObjectBytes(): number {
    return Math.round(DECOMPIO_OBJECT_BYTES * this.scale);
  }

  /** Take the working set (once), minus what the heap already holds as its start-up baseline. */
  reserveWorkingSet(): void {
    if (this.workingSet !== undefined) return;
    const want = Math.round(UPIP_WORKING_SET_BYTES * this.scale) - this.heap.memAlloc();
    this.workingSet = this.heap.allocate(Math.max(0, want));
  }

  /** `m_new(byte, n)`: throws `MemoryError: memory allocation failed, allocating n bytes`. */
  allocate(n: number): HeapHandle {
    return this.heap.allocate(n);
  }

  free(handle: HeapHandle | undefined): void {
    if (handle !== undefined) this.heap.free(handle);
  }

  /** `gc.mem_free() + gc.mem_alloc()`. */
  get pool(): number {
    return this.heap.pool;
  }
}
