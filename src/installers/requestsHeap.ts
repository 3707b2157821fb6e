import type { Device } from '../device/Device.ts';
import type { HeapHandle } from '../device/heap.ts';
import { allocateTlsConnection } from '../device/tlsOnHeap.ts';

/**
 * GC heap one level of a redirect chain holds besides its TLS state (the recursing `request()`
 * frame's objects: response, headers, the socket object). Calibrated bare on unix x64 1.24.1 with
 * Debian's libmbedtls (40 928 B per connection, largest block 40 048 B): the Host carry-over loop
 * ends with `MemoryError: memory allocation failed, allocating 40048 bytes` after 47 requests on
 * the default 2 MiB heap; 2 304–3 232 bytes per level reproduce that, and with upstream's mbedTLS
 * (3 424 B per connection) the same loop still reaches the recursion limit (226 requests) first.
 */
export const REDIRECT_LEVEL_BYTES = 2752;

/**
 * What opening one connection of a redirect chain costs on the device heap (unix only, where the
 * TLS figures were measured; other ports keep TLS state elsewhere or were not measured): the
 * build's TLS state for https, largest block first, plus the level's own objects.
 *
 * @example
 * const http = { network, runtime: device.version, port: device.port, openConnection: requestsConnectionCost(device) };
 */
export function requestsConnectionCost(device: Device): ((scheme: 'http' | 'https') => () => void) | undefined {
  const heap = device.heap;
  if (!heap || device.port !== 'unix') return undefined;
  return (scheme) => {
    const handles: HeapHandle[] = [];
    const release = (): void => {
      for (const h of handles.splice(0)) heap.free(h);
    };
    try {
      if (scheme === 'https' && device.build.tls.library !== 'none') handles.push(...allocateTlsConnection(heap, device.build.tls));
      handles.push(heap.allocate(REDIRECT_LEVEL_BYTES));
    } catch (err) {
      release();
      throw err;
    }
    return release;
  };
}
