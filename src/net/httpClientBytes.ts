/**
 * The small str/bytes operations the `requests` source applies to URLs and header lines,
 * with Python's semantics (`split` with maxsplit, whitespace `split(None, n)`, ASCII `strip`).
 */
import { isPySpace } from '../py/errors.ts';

/**
 * `s.split(sep, maxsplit)` for a non-empty separator.
 *
 * @example
 * pySplit('https://h/a/b', '/', 3) // ['https:', '', 'h', 'a/b']
 */
export function pySplit(s: string, sep: string, maxsplit: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < maxsplit) {
    const at = s.indexOf(sep, start);
    if (at < 0) break;
    out.push(s.slice(start, at));
    start = at + sep.length;
  }
  out.push(s.slice(start));
  return out;
}

/**
 * `b.split(None, maxsplit)` as MicroPython implements it: leading whitespace skipped, the last
 * piece keeps its trailing whitespace.
 *
 * @example
 * splitWhitespace(bytes('HTTP/1.1 200 OK\r\n'), 2) // [b'HTTP/1.1', b'200', b'OK\r\n']
 */
export function splitWhitespace(data: Uint8Array, maxsplit: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const top = data.length;
  let s = 0;
  while (s < top && isPySpace(data[s]!)) s++;
  let splits = maxsplit;
  while (s < top && splits !== 0) {
    const start = s;
    while (s < top && !isPySpace(data[s]!)) s++;
    out.push(data.subarray(start, s));
    if (s >= top) break;
    while (s < top && isPySpace(data[s]!)) s++;
    if (splits > 0) splits--;
  }
  if (s < top) out.push(data.subarray(s));
  return out;
}

/** `s.strip()` (MicroPython strips ASCII whitespace only). */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** `b.rstrip()`. */
export function rstripBytes(data: Uint8Array): Uint8Array {
  let b = data.length;
  while (b > 0 && isPySpace(data[b - 1]!)) b--;
  return data.subarray(0, b);
}

/** `data.startswith(prefix)` for an ASCII prefix. */
export function startsWithAscii(data: Uint8Array, prefix: string): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** `data.lower().startswith(prefix)` for a lower-case ASCII prefix. */
export function startsWithAsciiIgnoreCase(data: Uint8Array, prefix: string): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = data[i]!;
    const lower = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (lower !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** `needle in data` for an ASCII needle. */
export function containsAscii(data: Uint8Array, needle: string): boolean {
  return Buffer.from(data.buffer, data.byteOffset, data.length).includes(needle, 0, 'latin1');
}

/** `data == b"\r\n"`. */
export function isCrlf(data: Uint8Array): boolean {
  return data.length === 2 && data[0] === 0x0d && data[1] === 0x0a;
}
