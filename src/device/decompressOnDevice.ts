import { inflateBounded } from '../archive/boundedInflate.ts';
import { inflateFailureToPyException } from '../archive/inflateStream.ts';
import { atLeast } from '../scenario/version.ts';
import type { Heap } from './heap.ts';

/** How the stream is wrapped, as `deflate.GZIP` / `ZLIB` / `RAW` (or uzlib's wbits ranges) say. */
export type StreamFormat = 'gzip' | 'zlib' | 'raw';

/** Decoder state besides the window: uzlib's DecompIO object, deflate's state (unix x64, measured). */
const UZLIB_STATE_BYTES = 1336;
const DEFLATE_STATE_BYTES = 1344;

/**
 * Read a whole compressed file on the device, in 512-byte reads, the way the runtime of that
 * version would (extmod/moduzlib.c at v1.20.0, extmod/moddeflate.c at v1.21.0): up to 1.20
 * `uzlib.DecompIO(f, 16 + wbits)` allocates its window eagerly; from 1.21
 * `deflate.DeflateIO(f, format, wbits)` allocates on the first read.
 * The window is one contiguous allocation from the device heap, so a small or fragmented heap
 * raises `MemoryError`; a back-reference farther than the window raises `OSError: [Errno 22]
 * EINVAL`; a truncated stream `EOFError`. Returns the number of bytes read, or throws the
 * `PyException` the device would raise. Allocations are released afterwards.
 *
 * @example
 * decompressOnDevice(device.heap, '1.27.0', tgz, { format: 'gzip', wbits: 12 }) // 40960
 */
export function decompressOnDevice(
  heap: Heap,
  runtime: string,
  bytes: Uint8Array,
  opts: { format: StreamFormat; wbits: number },
): number {
  const api = atLeast(runtime, '1.21') ? 'deflate' : 'uzlib';
  const handles: number[] = [];
  try {
    // Which window the decoder uses, from the header where the runtime reads it from there.
    let windowBits = opts.wbits;
    if (opts.format === 'zlib' && bytes.length >= 1) {
      const headerBits = (bytes[0]! >> 4) + 8;
      windowBits = api === 'uzlib' ? headerBits : Math.min(headerBits, opts.wbits || headerBits);
    }
    handles.push(heap.allocate(api === 'uzlib' ? UZLIB_STATE_BYTES : DEFLATE_STATE_BYTES));
    // uzlib: at construction; deflate: at the first read — either way before any byte comes out.
    handles.push(heap.allocate(1 << windowBits));
    const result = inflateBounded(bytes, { format: opts.format, windowBits });
    if (result.failure) throw inflateFailureToPyException(result.failure, api);
    return result.output.length;
  } finally {
    for (const h of handles) heap.free(h);
  }
}

