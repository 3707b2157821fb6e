/**
 * CRC-32 (gzip trailer, zip entries) and Adler-32 (zlib trailer), incremental so a decoder can
 * fold output in as it goes. Node's native `zlib.crc32` is used when present (Node ≥ 20.15);
 * otherwise a slice-by-8 table version that is fast enough for the bench.
 */
import * as zlib from 'node:zlib';

const CRC_TABLES: Uint32Array = buildCrcTables();

function buildCrcTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

const nativeCrc32: ((data: Uint8Array, value?: number) => number) | undefined =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (zlib as unknown as { crc32: (data: Uint8Array, value?: number) => number }).crc32
    : undefined;

/** Pure-JS CRC-32 (exported so the fallback can be tested on any Node). */
export function crc32Js(data: Uint8Array, previous = 0, start = 0, end = data.length): number {
  const t = CRC_TABLES;
  let c = ~previous;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a = (c ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    c =
      t[7 * 256 + (a & 0xff)]! ^
      t[6 * 256 + ((a >>> 8) & 0xff)]! ^
      t[5 * 256 + ((a >>> 16) & 0xff)]! ^
      t[4 * 256 + (a >>> 24)]! ^
      t[3 * 256 + data[i + 4]!]! ^
      t[2 * 256 + data[i + 5]!]! ^
      t[256 + data[i + 6]!]! ^
      t[data[i + 7]!]!;
  }
  for (; i < end; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * CRC-32 of `data[start, end)`, continuing from `previous` (0 to start).
 *
 * @example
 * crc32(new TextEncoder().encode('123456789')) // 0xcbf43926
 */
export function crc32(data: Uint8Array, previous = 0, start = 0, end = data.length): number {
  if (nativeCrc32) {
    const view = start === 0 && end === data.length ? data : data.subarray(start, end);
    return nativeCrc32(view, previous) >>> 0;
  }
  return crc32Js(data, previous, start, end);
}

/**
 * Adler-32 of `data[start, end)`, continuing from `previous` (1 to start).
 *
 * @example
 * adler32(new TextEncoder().encode('Wikipedia')) // 0x11e60398
 */
export function adler32(data: Uint8Array, previous = 1, start = 0, end = data.length): number {
  let a = previous & 0xffff;
  let b = previous >>> 16;
  let i = start;
  while (i < end) {
    // 3800 bytes keeps b below 2^31 before the modulo (zlib uses NMAX = 5552 with unsigned math).
    const stop = Math.min(end, i + 3800);
    for (; i < stop; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
