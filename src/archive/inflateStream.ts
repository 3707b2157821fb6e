/**
 * The device-side view of a decompressor stream (`uzlib.DecompIO`, `deflate.DeflateIO`) over a
 * decoded result: `read(n)` hands out bytes until the point where the real decoder failed, and a
 * read that needs anything beyond that point raises — losing the bytes it had already decoded
 * into the caller's buffer, exactly as `decompio_read` returns MP_STREAM_ERROR for the whole call.
 *
 * uzlib decodes lazily (`do { … } while (dest < dest_limit)`), so a read that ends exactly at the
 * failure offset still succeeds; only the next one decodes the bad symbol (or the trailer).
 */
import { osError, PyException } from '../py/PyException.ts';
import type { InflateFailure, InflateResult } from './boundedInflate.ts';

/** Raised by `InflateStream.read` when the modelled decoder fails; carries the failure. */
export class InflateStreamError extends Error {
  constructor(readonly failure: InflateFailure) {
    super(failure.message);
    this.name = 'InflateStreamError';
  }
}

/**
 * @example
 * const s = new InflateStream(inflateBounded(tgz, { format: 'gzip', windowBits: 12 }));
 * const header = s.read(512); // throws InflateStreamError once the window error is reached
 */
export class InflateStream {
  private pos = 0;
  private broken = false;

  constructor(private readonly result: InflateResult) {}

  /** Bytes handed out so far. */
  get position(): number {
    return this.pos;
  }

  /** True once the stream delivered its last byte and verified the trailer (further reads give b''). */
  get atEnd(): boolean {
    return this.result.ok && this.pos >= this.result.output.length;
  }

  /**
   * Up to `n` bytes; fewer only at the end of a good stream. Throws `InflateStreamError` if the
   * modelled decoder would fail while filling these `n` bytes.
   */
  read(n: number): Uint8Array {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`read size must be a non-negative integer, got ${n}`);
    const produced = this.result.output.length;
    if (this.broken) throw new InflateStreamError(this.result.failure!);
    if (n === 0) return new Uint8Array(0);
    if (this.pos + n <= produced) {
      const chunk = this.result.output.subarray(this.pos, this.pos + n);
      this.pos += n;
      return chunk;
    }
    if (this.result.ok) {
      const chunk = this.result.output.subarray(this.pos, produced);
      this.pos = produced;
      return chunk;
    }
    this.broken = true;
    throw new InflateStreamError(this.result.failure!);
  }
}

/**
 * The Python exception a MicroPython decompressor raises for a failure:
 * window/data/checksum → `OSError: [Errno 22] EINVAL`; truncated input → `EOFError`;
 * a bad header → `ValueError: compression header` from `uzlib.DecompIO(...)` (v1.12–v1.20),
 * `OSError(22)` from the first `DeflateIO.read()` (v1.21+).
 *
 * @example
 * inflateFailureToPyException(r.failure!, 'uzlib').line // 'OSError: [Errno 22] EINVAL'
 */
export function inflateFailureToPyException(failure: InflateFailure, api: 'uzlib' | 'deflate'): PyException {
  switch (failure.kind) {
    case 'eof':
      return new PyException('EOFError');
    case 'header':
      return api === 'uzlib' ? new PyException('ValueError', 'compression header') : osError(22);
    default:
      return osError(22);
  }
}
