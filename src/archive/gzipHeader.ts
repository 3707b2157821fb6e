/**
 * The gzip member header (RFC 1952 §2.3), read the way uzlib's `uzlib_gzip_parse_header` reads it:
 * byte by byte, magic first, so a short buffer is an `eof` failure at the first missing byte and
 * a wrong byte is a `header` failure. The optional header CRC is skipped, not checked (uzlib has a
 * "TODO: Check!" there).
 */

/** Fields of a gzip header. Strings are ISO-8859-1 as the RFC says. */
export interface GzipHeader {
  /** Compression method, 8 = deflate (the only one uzlib accepts). */
  method: number;
  /** FLG byte: FTEXT 1, FHCRC 2, FEXTRA 4, FNAME 8, FCOMMENT 16. */
  flags: number;
  /** Modification time, seconds since the epoch, 0 = none. */
  mtime: number;
  /** Extra flags: 2 = best compression, 4 = fastest. */
  xfl: number;
  /** Operating system: 0 FAT, 3 Unix, 255 unknown (CPython's gzip writes 255). */
  os: number;
  extra?: Uint8Array;
  /** Original file name (FNAME), e.g. `pkg-1.0.tar`. */
  name?: string;
  comment?: string;
  /** The 16-bit header CRC when FHCRC is set (not verified, as on the device). */
  headerCrc?: number;
  /** Offset of the first deflate byte. */
  dataOffset: number;
}

/** Why a header could not be read: `header` = wrong bytes, `eof` = the input ended first. */
export interface HeaderFailure {
  kind: 'header' | 'eof';
  message: string;
  /** Input offset of the offending (or first missing) byte. */
  offset: number;
}

export type HeaderParse<T> = { ok: true; header: T } | { ok: false; failure: HeaderFailure };

export const GZIP_FLAG = { TEXT: 1, HCRC: 2, EXTRA: 4, NAME: 8, COMMENT: 16 } as const;

class OutOfInput extends Error {
  constructor(readonly offset: number) {
    super('out of input');
  }
}

/**
 * Parse the gzip header at the start of `bytes`.
 *
 * @example
 * const parsed = parseGzipHeader(pako.gzip('hi'));
 * if (parsed.ok) console.log(parsed.header.os, parsed.header.dataOffset); // 3 10
 */
export function parseGzipHeader(bytes: Uint8Array): HeaderParse<GzipHeader> {
  let pos = 0;
  const byte = (): number => {
    if (pos >= bytes.length) throw new OutOfInput(pos);
    return bytes[pos++]!;
  };
  const fail = (message: string, offset: number): HeaderParse<GzipHeader> => ({
    ok: false,
    failure: { kind: 'header', message, offset },
  });
  try {
    const id1 = byte();
    if (id1 !== 0x1f) return fail(`not gzip: first byte is 0x${hex(id1)}, expected 0x1f`, 0);
    const id2 = byte();
    if (id2 !== 0x8b) return fail(`not gzip: second byte is 0x${hex(id2)}, expected 0x8b`, 1);
    const method = byte();
    if (method !== 8) return fail(`gzip compression method is ${method}, only 8 (deflate) is supported`, 2);
    const flags = byte();
    if (flags & 0xe0) return fail(`gzip flags 0x${hex(flags)} have reserved bits set`, 3);
    const mtime = (byte() | (byte() << 8) | (byte() << 16) | (byte() << 24)) >>> 0;
    const xfl = byte();
    const os = byte();
    const header: GzipHeader = { method, flags, mtime, xfl, os, dataOffset: 0 };
    if (flags & GZIP_FLAG.EXTRA) {
      const xlen = byte() | (byte() << 8);
      const start = pos;
      for (let i = 0; i < xlen; i++) byte();
      header.extra = bytes.slice(start, pos);
    }
    if (flags & GZIP_FLAG.NAME) header.name = zeroTerminated(byte);
    if (flags & GZIP_FLAG.COMMENT) header.comment = zeroTerminated(byte);
    if (flags & GZIP_FLAG.HCRC) header.headerCrc = byte() | (byte() << 8);
    header.dataOffset = pos;
    return { ok: true, header };
  } catch (e) {
    if (e instanceof OutOfInput) {
      return {
        ok: false,
        failure: { kind: 'eof', message: `gzip header truncated: input ends at byte ${e.offset}`, offset: e.offset },
      };
    }
    throw e;
  }
}

function zeroTerminated(byte: () => number): string {
  let s = '';
  for (let c = byte(); c !== 0; c = byte()) s += String.fromCharCode(c);
  return s;
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** What to write into a gzip header. */
export interface GzipHeaderFields {
  mtime?: number;
  /** Default 0; zlib writes 2 for level 9, 4 for level 1, else 0. */
  xfl?: number;
  /** Default 3 (Unix), what zlib and pako write; CPython's `gzip` module writes 255. */
  os?: number;
  name?: string;
  comment?: string;
}

/**
 * Encode a gzip header (no FHCRC, no FEXTRA).
 *
 * @example
 * encodeGzipHeader({ name: 'pkg-1.0.tar', mtime: 1_500_000_000, xfl: 2, os: 255 });
 */
export function encodeGzipHeader(fields: GzipHeaderFields = {}): Uint8Array {
  const flags = (fields.name !== undefined ? GZIP_FLAG.NAME : 0) | (fields.comment !== undefined ? GZIP_FLAG.COMMENT : 0);
  const out: number[] = [0x1f, 0x8b, 8, flags];
  const mtime = fields.mtime ?? 0;
  out.push(mtime & 0xff, (mtime >>> 8) & 0xff, (mtime >>> 16) & 0xff, (mtime >>> 24) & 0xff);
  out.push(fields.xfl ?? 0, fields.os ?? 3);
  for (const text of [fields.name, fields.comment]) {
    if (text === undefined) continue;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0 || c > 0xff) {
        throw new Error(`gzip header text ${JSON.stringify(text)} has a character (code ${c}) outside ISO-8859-1 or a NUL; use Latin-1 text`);
      }
      out.push(c);
    }
    out.push(0);
  }
  return Uint8Array.from(out);
}
