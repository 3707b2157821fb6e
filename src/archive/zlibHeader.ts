/**
 * The two-byte zlib header (RFC 1950 §2.2), checked in uzlib's order (`uzlib_zlib_parse_header`):
 * FCHECK, then method 8, then CINFO ≤ 7, then no preset dictionary.
 */
import type { HeaderParse } from './gzipHeader.ts';

export interface ZlibHeader {
  /** CINFO: log2(window) − 8, 0..7 (7 = 32 KiB). */
  cinfo: number;
  /** The window the header announces, `cinfo + 8` bits. */
  windowBits: number;
  /** FLEVEL, 0..3 (informational). */
  level: number;
  dataOffset: number;
}

/**
 * Parse the zlib header at the start of `bytes`.
 *
 * @example
 * const parsed = parseZlibHeader(pako.deflate('hi', { windowBits: 12 }));
 * if (parsed.ok) console.log(parsed.header.windowBits); // 12
 */
export function parseZlibHeader(bytes: Uint8Array): HeaderParse<ZlibHeader> {
  if (bytes.length < 2) {
    return {
      ok: false,
      failure: { kind: 'eof', message: `zlib header truncated: ${bytes.length} of 2 bytes present`, offset: bytes.length },
    };
  }
  const cmf = bytes[0]!;
  const flg = bytes[1]!;
  const fail = (message: string): HeaderParse<ZlibHeader> => ({ ok: false, failure: { kind: 'header', message, offset: 0 } });
  if ((cmf * 256 + flg) % 31 !== 0) {
    return fail(`zlib header check failed: bytes 0x${cmf.toString(16)} 0x${flg.toString(16)} are not a multiple of 31 (gzip data? a zip file?)`);
  }
  if ((cmf & 0x0f) !== 8) return fail(`zlib compression method is ${cmf & 0x0f}, only 8 (deflate) is supported`);
  const cinfo = cmf >> 4;
  if (cinfo > 7) return fail(`zlib window CINFO is ${cinfo}, the maximum is 7 (32 KiB)`);
  if (flg & 0x20) return fail('zlib stream needs a preset dictionary, which is not supported');
  return { ok: true, header: { cinfo, windowBits: cinfo + 8, level: flg >> 6, dataOffset: 2 } };
}
