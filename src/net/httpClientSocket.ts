/**
 * The client's side of one connection, reading the bytes the mocked server wrote: the
 * `readline()`/`readinto()`/`read()` a MicroPython socket (or TLS socket) offers. When the
 * bytes run out, the connection is either closed (reads return empty), left open (the read
 * would block forever: `HangError`) or reset (the read raises ECONNRESET).
 *
 * @example
 * const sock = new ResponseSocket({ bytes: new TextEncoder().encode('HTTP/1.0 200 OK\r\n\r\nhi'), end: 'close' }, url);
 * sock.readline() // b'HTTP/1.0 200 OK\r\n'
 */
import { osError } from '../py/PyException.ts';
import type { EncodedResponse } from './wire.ts';
import { HangError } from './HangError.ts';

/** MicroPython's `recv` on a reset connection: `OSError: [Errno 104] ECONNRESET`. */
const ECONNRESET = 104;

export class ResponseSocket {
  private pos = 0;
  /** What the client is reading now, for the HangError message. */
  phase: 'status line' | 'headers' | 'body' = 'status line';

  constructor(
    private readonly encoded: EncodedResponse,
    private readonly url: string,
    /** What a read raises once a reset connection has no bytes left (CPython's differs: micropip). */
    private readonly resetError: () => Error = () => osError(ECONNRESET),
  ) {}

  private get bytes(): Uint8Array {
    return this.encoded.bytes;
  }

  /** At the end of the bytes: block forever, raise the reset, or (closed) return. */
  private atEnd(): void {
    if (this.encoded.end === 'hang') throw new HangError(this.url, this.phase);
    if (this.encoded.end === 'reset') throw this.resetError();
  }

  /** Bytes up to and including `\n`; a shorter tail at EOF; empty at EOF. */
  readline(): Uint8Array {
    const bytes = this.bytes;
    const start = this.pos;
    const nl = bytes.indexOf(0x0a, start);
    if (nl >= 0) {
      this.pos = nl + 1;
      return bytes.subarray(start, this.pos);
    }
    this.atEnd();
    this.pos = bytes.length;
    return bytes.subarray(start);
  }

  /**
   * Fill `buf`, or return fewer bytes only at EOF (0 at EOF). A blocking MicroPython socket's
   * `readinto` loops until the buffer is full (`mp_stream_rw`), so on a connection that stays
   * open a partial chunk is never handed over: the read blocks instead.
   */
  readinto(buf: Uint8Array): number {
    const bytes = this.bytes;
    const available = bytes.length - this.pos;
    if (available < buf.length) this.atEnd();
    if (available <= 0) return 0;
    const n = Math.min(available, buf.length);
    buf.set(bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return n;
  }

  /** `read()`: everything until the server closes. */
  readAll(): Uint8Array {
    this.atEnd();
    const rest = this.bytes.subarray(this.pos);
    this.pos = this.bytes.length;
    return rest;
  }
}
