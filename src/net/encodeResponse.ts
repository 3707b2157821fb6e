/**
 * A `WireResponse` as the bytes a small HTTP server writes to a client, including the wire
 * faults a fetch `Response` cannot express.
 *
 * Layout:
 *
 *     HTTP/1.1 {status} {reason}\r\n
 *     {each of res.headers, in order and case: name, separator (": "), value}\r\n
 *     Content-Length: {n}\r\n        framing 'length' (or any contentLengthOverride), unless res.headers has one
 *     Transfer-Encoding: chunked\r\n framing 'chunked', unless res.headers has one
 *     Connection: close\r\n          unless res.headers has a Connection line
 *     \r\n
 *     body                           raw, or chunked in pieces of at most CHUNK_SIZE bytes
 *
 * Defaults are kept to what any server sends an HTTP/1.0 client that asked for
 * `Connection: close`: no Date or Server line, so the bytes are reproducible.
 * `truncateAt` cuts the body part (the bytes after the blank line, chunk framing included)
 * and the connection closes there; `neverClose` makes the server hang after writing;
 * `noResponse` sends nothing at all and closes or resets the connection.
 */
import type { EncodedResponse, HeaderLine, WireResponse } from './wire.ts';
import { concatBytes } from '../bytes/concatBytes.ts';

/** Largest chunk a `chunked` body is cut into. */
export const CHUNK_SIZE = 4096;

const CRLF = '\r\n';

function hasHeader(headers: HeaderLine[], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === lower);
}

function latin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** The body part of the message: raw bytes, or chunked framing around them. */
function frameBody(res: WireResponse): Uint8Array {
  if (res.framing !== 'chunked') return res.body;
  const parts: Uint8Array[] = [];
  for (let at = 0; at < res.body.length; at += CHUNK_SIZE) {
    const piece = res.body.subarray(at, Math.min(at + CHUNK_SIZE, res.body.length));
    parts.push(latin1(piece.length.toString(16) + CRLF), piece, latin1(CRLF));
  }
  parts.push(latin1('0' + CRLF + CRLF));
  return concatBytes(parts);
}


/** The header block (status line to blank line) for `res`. */
function headerBlock(res: WireResponse): string {
  let head = `HTTP/1.1 ${res.status} ${res.reason}${CRLF}`;
  const override = res.contentLengthOverride;
  let wroteLength = false;
  for (const [name, value, separator = ': '] of res.headers) {
    if (override !== undefined && name.toLowerCase() === 'content-length') {
      head += `${name}${separator}${override}${CRLF}`;
      wroteLength = true;
    } else {
      head += `${name}${separator}${value}${CRLF}`;
    }
  }
  const wantsLength = res.framing === 'length' || override !== undefined;
  if (wantsLength && !wroteLength && !hasHeader(res.headers, 'Content-Length')) {
    head += `Content-Length: ${override ?? res.body.length}${CRLF}`;
  }
  if (res.framing === 'chunked' && !hasHeader(res.headers, 'Transfer-Encoding')) {
    head += `Transfer-Encoding: chunked${CRLF}`;
  }
  if (!hasHeader(res.headers, 'Connection')) head += `Connection: close${CRLF}`;
  return head + CRLF;
}

/**
 * The bytes of `res` on the wire and whether the server then closes, hangs or resets.
 *
 * @example
 * const enc = encodeResponse({ status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain']],
 *   body: new TextEncoder().encode('hi'), framing: 'length' });
 * new TextDecoder().decode(enc.bytes)
 * // 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi'
 * encodeResponse({ ...res, noResponse: 'reset' }) // { bytes: Uint8Array(0), end: 'reset' }
 */
export function encodeResponse(res: WireResponse): EncodedResponse {
  if (res.noResponse) return { bytes: new Uint8Array(0), end: res.noResponse === 'reset' ? 'reset' : 'close' };
  const head = latin1(headerBlock(res));
  let body = frameBody(res);
  if (res.truncateAt !== undefined && res.truncateAt < body.length) body = body.subarray(0, res.truncateAt);
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head, 0);
  bytes.set(body, head.length);
  return { bytes, end: res.neverClose ? 'hang' : 'close' };
}

/**
 * How many bytes of the payload (not counting chunk framing) reach the client: the request
 * log's `bytes`.
 *
 * @example
 * sentBodyBytes({ ...res, body: new Uint8Array(100), truncateAt: 40 }) // 40
 */
export function sentBodyBytes(res: WireResponse): number {
  if (res.noResponse) return 0;
  const limit = res.truncateAt;
  if (limit === undefined) return res.body.length;
  if (res.framing !== 'chunked') return Math.min(limit, res.body.length);
  // Walk the chunk framing to count the payload bytes inside the first `limit` bytes.
  let wire = 0;
  let payload = 0;
  for (let at = 0; at < res.body.length; at += CHUNK_SIZE) {
    const size = Math.min(CHUNK_SIZE, res.body.length - at);
    wire += size.toString(16).length + 2;
    if (wire >= limit) return payload;
    const take = Math.min(size, limit - wire);
    payload += take;
    wire += size + 2;
    if (take < size || wire >= limit) return payload;
  }
  return payload;
}
