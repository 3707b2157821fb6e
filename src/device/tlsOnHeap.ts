import type { BuildProfile } from './buildProfile.ts';
import type { Heap, HeapHandle } from './heap.ts';

/**
 * One TLS connection's state on the GC heap, as the build keeps it: its largest block first (the
 * size a `MemoryError` names when a connection does not fit), then the rest. When a block does
 * not fit, what was taken is given back before the error propagates: the failed handshake's
 * objects are garbage, and the next collection reclaims them.
 *
 * @example
 * const blocks = allocateTlsConnection(device.heap, device.build.tls); // MemoryError: … allocating 40768 bytes
 * for (const b of blocks) device.heap.free(b);
 */
export function allocateTlsConnection(heap: Heap, tls: BuildProfile['tls']): HeapHandle[] {
  const blocks = [heap.allocate(tls.largestAllocation)];
  try {
    if (tls.heapPerConnection > tls.largestAllocation) blocks.push(heap.allocate(tls.heapPerConnection - tls.largestAllocation));
  } catch (err) {
    heap.free(blocks[0]!);
    throw err;
  }
  return blocks;
}
