/**
 * Compress with a chosen LZ77 window, so a scenario can publish a 4 KiB-window tarball (what
 * micropython-lib's `sdist_upip.py` made: `zlib.compressobj(level=9, wbits=16 + 12)`) or a
 * normal 32 KiB one (CPython `tarfile`, setuptools).
 *
 * pako's encoder honours windowBits like zlib: the longest distance it emits is
 * 2^windowBits − 262 (zlib's MAX_DIST), so a 12-bit stream never references beyond 4096 bytes.
 * zlib turns windowBits 8 into 9 and rejects 8 for gzip/raw; we do the same silently (a 9-bit
 * stream's distances are ≤ 250, so it still decodes with a 256-byte window).
 *
 * The gzip wrapper is written here rather than by pako so the header fields (name, mtime, OS)
 * can match the tool being imitated.
 */
import * as pako from 'pako';
import { crc32 } from './checksums.ts';
import { encodeGzipHeader, type GzipHeaderFields } from './gzipHeader.ts';

export { repeatedBlockBytes } from './seededBytes.ts';

export interface CompressOptions {
  format?: 'gzip' | 'zlib' | 'raw';
  /** 8..15 (window 256 B .. 32 KiB). */
  windowBits: number;
  /** zlib level 0..9, default 6 (zlib's default); sdist_upip and CPython tarfile use 9. */
  level?: number;
  /** gzip header fields; default: what zlib writes (mtime 0, OS 3, XFL from the level, no name). */
  gzipHeader?: GzipHeaderFields;
}

/**
 * Compress `data` as gzip with a 2^windowBits window.
 *
 * @example
 * const tgz = gzipWithWindow(tar, { windowBits: 12, level: 9 }); // what sdist_upip produced
 * scanMaxDistance(tgz, 'gzip').maxDistance <= 4096 // true
 */
export function gzipWithWindow(data: Uint8Array, opts: Omit<CompressOptions, 'format'>): Uint8Array {
  return compressWithWindow(data, { ...opts, format: 'gzip' });
}

/**
 * Compress `data` as gzip, zlib or raw deflate with a 2^windowBits window.
 *
 * @example
 * compressWithWindow(data, { format: 'zlib', windowBits: 12 }) // header says CINFO 4
 */
export function compressWithWindow(data: Uint8Array, opts: CompressOptions): Uint8Array {
  const { windowBits } = opts;
  const level = opts.level ?? 6;
  const format = opts.format ?? 'gzip';
  if (!Number.isInteger(windowBits) || windowBits < 8 || windowBits > 15) {
    throw new RangeError(`windowBits must be an integer 8..15 (256 B..32 KiB window), got ${windowBits}`);
  }
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new RangeError(`level must be an integer 0..9, got ${level}`);
  }
  if (format === 'zlib') return pako.deflate(data, { windowBits, level });
  const raw = pako.deflateRaw(data, { windowBits: Math.max(9, windowBits), level });
  if (format === 'raw') return raw;

  const header = encodeGzipHeader({ xfl: level === 9 ? 2 : level < 2 ? 4 : 0, os: 3, ...opts.gzipHeader });
  const out = new Uint8Array(header.length + raw.length + 8);
  out.set(header, 0);
  out.set(raw, header.length);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(header.length + raw.length, crc32(data), true);
  view.setUint32(header.length + raw.length + 4, data.length >>> 0, true);
  return out;
}
