/**
 * A DEFLATE decoder that enforces a window the way MicroPython's uzlib does, so the virtual device
 * fails exactly where a board fails.
 *
 * uzlib (every version used by MicroPython ≥ 1.12) keeps a ring of W = 2^windowBits bytes and
 * rejects a back-reference only when its distance is greater than W (`offs > dict_size` →
 * TINF_DICT_ERROR → `OSError(22)`), at the moment that reference is decoded. Distance == W is
 * fine. A reference that points before the start of the output but within W is *not* rejected:
 * the ring is zero-filled, so zeros come out (modelled here, flagged in the result).
 *
 * Input is read bit by bit in uzlib, and the stream reader raises `EOFError` the moment a byte
 * past the end is needed; this decoder reports `eof` at that same symbol, with the output produced
 * before it. pako cannot do this: it serves references from its output chunk as well as from the
 * window, so its window limit is only enforced up to window + chunk size (pako 3.0.3 with a 4 KiB
 * window decodes 8 KiB-distance references without error at its default chunkSize).
 *
 * Also: no ISIZE check by default (uzlib reads it and ignores it), nothing after the first gzip
 * member is read (the count of trailing bytes is reported).
 */
import { adler32, crc32 } from './checksums.ts';
import { parseGzipHeader, type GzipHeader } from './gzipHeader.ts';
import { buildHuffmanTable, MAX_TABLE_SIZE, type HuffmanTable } from './huffmanTable.ts';
import { parseZlibHeader, type ZlibHeader } from './zlibHeader.ts';

export type InflateFormat = 'gzip' | 'zlib' | 'raw';

/**
 * - `header`: the wrapper is not gzip/zlib (or is malformed);
 * - `window`: a back-reference farther than the window;
 * - `data`: any other corrupt deflate data (bad block type, bad code, stored length mismatch);
 * - `eof`: the input ended before the stream did (including a missing trailer);
 * - `checksum`: CRC-32 / Adler-32 (or, with `verifyIsize`, ISIZE) mismatch.
 */
export type InflateErrorKind = 'header' | 'window' | 'data' | 'eof' | 'checksum';

export interface InflateFailure {
  kind: InflateErrorKind;
  message: string;
  /** Output bytes produced before the failing symbol (== result.output.length). */
  outputOffset: number;
  /** Input byte being read when it failed (for `eof`: the input length). */
  inputOffset: number;
  /** For `window`: the offending distance. */
  distance?: number;
}

export interface InflateOptions {
  format: InflateFormat;
  /** Window = 2^windowBits bytes; 0..15 (uzlib's pre-1.19 zlib bug is windowBits 7, upip's small-heap mode 12). */
  windowBits: number;
  /** Also require ISIZE == output length mod 2^32 (uzlib does not check it). Default false. */
  verifyIsize?: boolean;
}

export interface InflateTrailer {
  /** gzip CRC-32 as stored in the trailer. */
  crc32?: number;
  /** gzip ISIZE as stored in the trailer. */
  isize?: number;
  /** zlib Adler-32 as stored in the trailer. */
  adler32?: number;
  /** Computed checksum of the output (CRC-32 for gzip, Adler-32 for zlib). */
  computed?: number;
  isizeMatches?: boolean;
}

export interface InflateResult {
  ok: boolean;
  /** Every byte produced: all of it on success, the bytes before the failing symbol otherwise. */
  output: Uint8Array;
  failure?: InflateFailure;
  windowSize: number;
  /** Largest back-reference distance decoded (0 if none). */
  maxDistance: number;
  /** Output offset of the first reference farther than the window (set only with a `window` failure). */
  firstTooFarAt?: number;
  /** True if a reference reached before the start of the output (uzlib yields zeros there). */
  referencesBeforeStart: boolean;
  gzipHeader?: GzipHeader;
  zlibHeader?: ZlibHeader;
  trailer?: InflateTrailer;
  /** Input bytes consumed up to and including the trailer (on success). */
  inputConsumed: number;
  /** Input bytes left after the trailer (a second gzip member, padding); never read by uzlib. */
  trailingBytes: number;
  /** Number of deflate blocks started. */
  blocks: number;
}

const LENGTH_BASE = Uint16Array.from([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
]);
const LENGTH_EXTRA = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE = Uint16Array.from([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
]);
const DIST_EXTRA = Uint8Array.from([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
/** Order in which code-length code lengths are stored (RFC 1951 §3.2.7). */
const CODE_LENGTH_ORDER = Uint8Array.from([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

const FIXED_LITERAL: HuffmanTable = (() => {
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  return buildHuffmanTable(lengths, 0, 288, new Uint16Array(1 << 9))!;
})();
const FIXED_DISTANCE: HuffmanTable = buildHuffmanTable(new Uint8Array(32).fill(5), 0, 32, new Uint16Array(1 << 5))!;

/** Thrown inside the decoder, caught by `inflateBounded`; never escapes. */
class Stop {
  constructor(
    readonly kind: InflateErrorKind,
    readonly message: string,
    readonly inputOffset: number,
    readonly distance?: number,
  ) {}
}

/** Decoder state shared with the error path (hot locals are copied back before a Stop is thrown). */
interface Progress {
  out: Uint8Array;
  o: number;
  maxDistance: number;
  beforeStart: boolean;
  blocks: number;
  /** Bit position after the last deflate block. */
  endBit: number;
}

/**
 * Decode a whole gzip / zlib / raw deflate buffer with a window of 2^windowBits bytes.
 * Never throws for bad data: failures come back in `result.failure` with the partial output.
 *
 * @example
 * const r = inflateBounded(tgz, { format: 'gzip', windowBits: 12 });
 * if (!r.ok && r.failure?.kind === 'window') {
 *   console.log(`upip would fail after ${r.failure.outputOffset} bytes, distance ${r.failure.distance}`);
 * }
 */
export function inflateBounded(input: Uint8Array, opts: InflateOptions): InflateResult {
  const { format, windowBits } = opts;
  if (!Number.isInteger(windowBits) || windowBits < 0 || windowBits > 15) {
    throw new RangeError(`windowBits must be an integer 0..15 (window 1 B..32 KiB), got ${windowBits}`);
  }
  const windowSize = 2 ** windowBits;
  const result: InflateResult = {
    ok: false,
    output: new Uint8Array(0),
    windowSize,
    maxDistance: 0,
    referencesBeforeStart: false,
    inputConsumed: 0,
    trailingBytes: 0,
    blocks: 0,
  };

  let start = 0;
  let sizeHint = 0;
  if (format === 'gzip') {
    const parsed = parseGzipHeader(input);
    if (!parsed.ok) return failed(result, parsed.failure.kind, parsed.failure.message, parsed.failure.offset);
    result.gzipHeader = parsed.header;
    start = parsed.header.dataOffset;
    // ISIZE is only a hint for the first allocation. A truncated file ends in arbitrary bytes, so
    // only trust it up to a 64:1 ratio and 256 MiB; past that the output just grows geometrically.
    if (input.length >= start + 8) {
      const n = input.length;
      const isize = (input[n - 4]! | (input[n - 3]! << 8) | (input[n - 2]! << 16) | (input[n - 1]! << 24)) >>> 0;
      if (isize <= (n - start) * 64 && isize <= 1 << 28) sizeHint = isize;
    }
  } else if (format === 'zlib') {
    const parsed = parseZlibHeader(input);
    if (!parsed.ok) return failed(result, parsed.failure.kind, parsed.failure.message, parsed.failure.offset);
    result.zlibHeader = parsed.header;
    start = parsed.header.dataOffset;
  } else if (format !== 'raw') {
    throw new RangeError(`format must be 'gzip', 'zlib' or 'raw', got ${JSON.stringify(format)}`);
  }

  const progress: Progress = {
    out: new Uint8Array(Math.max(1024, sizeHint || (input.length - start) * 4)),
    o: 0,
    maxDistance: 0,
    beforeStart: false,
    blocks: 0,
    endBit: 0,
  };
  try {
    inflateBlocks(input, start * 8, windowSize, progress);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    copyProgress(result, progress);
    if (e.kind === 'window') result.firstTooFarAt = progress.o;
    return failed(result, e.kind, e.message, e.inputOffset, e.distance);
  }
  copyProgress(result, progress);

  // Trailer: starts at the next byte boundary (uzlib reads it with whole-byte reads).
  let pos = (progress.endBit + 7) >>> 3;
  const out = result.output;
  if (format === 'gzip') {
    const computed = crc32(out);
    if (input.length < pos + 4) return failed(result, 'eof', trailerMissing('CRC-32', pos, input.length), input.length);
    const stored = readLe32(input, pos);
    result.trailer = { crc32: stored, computed };
    if (stored !== computed) {
      return failed(result, 'checksum', `gzip CRC-32 mismatch: trailer says 0x${hex32(stored)}, data gives 0x${hex32(computed)}`, pos);
    }
    pos += 4;
    if (input.length < pos + 4) return failed(result, 'eof', trailerMissing('ISIZE', pos, input.length), input.length);
    const isize = readLe32(input, pos);
    result.trailer.isize = isize;
    result.trailer.isizeMatches = isize === out.length % 2 ** 32;
    if (opts.verifyIsize && !result.trailer.isizeMatches) {
      return failed(result, 'checksum', `gzip ISIZE mismatch: trailer says ${isize}, output is ${out.length} bytes`, pos);
    }
    pos += 4;
  } else if (format === 'zlib') {
    const computed = adler32(out);
    if (input.length < pos + 4) return failed(result, 'eof', trailerMissing('Adler-32', pos, input.length), input.length);
    const stored = ((input[pos]! << 24) | (input[pos + 1]! << 16) | (input[pos + 2]! << 8) | input[pos + 3]!) >>> 0;
    result.trailer = { adler32: stored, computed };
    if (stored !== computed) {
      return failed(result, 'checksum', `zlib Adler-32 mismatch: trailer says 0x${hex32(stored)}, data gives 0x${hex32(computed)}`, pos);
    }
    pos += 4;
  }
  result.ok = true;
  result.inputConsumed = pos;
  result.trailingBytes = input.length - pos;
  return result;
}

/**
 * Measure a stream without a window limit (32 KiB, the DEFLATE maximum): the largest
 * back-reference distance and the window a device needs, 2^k ≥ maxDistance, at least 256 bytes.
 *
 * @example
 * scanMaxDistance(tgz, 'gzip') // { ok: true, maxDistance: 3834, neededWindowBits: 12, ... }
 */
export function scanMaxDistance(
  input: Uint8Array,
  format: InflateFormat,
): { ok: boolean; maxDistance: number; neededWindowBits: number; neededWindow: number; result: InflateResult } {
  const result = inflateBounded(input, { format, windowBits: 15 });
  const neededWindowBits = windowBitsFor(result.maxDistance);
  return { ok: result.ok, maxDistance: result.maxDistance, neededWindowBits, neededWindow: 2 ** neededWindowBits, result };
}

/**
 * Smallest window bits (≥ 8, i.e. 256 bytes) whose window holds a reference at `distance`.
 *
 * @example
 * windowBitsFor(4096) // 12
 * windowBitsFor(4097) // 13
 */
export function windowBitsFor(distance: number): number {
  let bits = 8;
  while (2 ** bits < distance) bits++;
  return bits;
}

function inflateBlocks(input: Uint8Array, startBit: number, windowSize: number, st: Progress): void {
  const inLen = input.length;
  // Zero padding lets the bit reader peek past the end; every consumption is checked against tbts.
  const d = new Uint8Array(inLen + 16);
  d.set(input);
  const tbts = inLen * 8;
  let p = startBit;
  let out = st.out;
  let o = 0;
  let maxDist = 0;
  let final = 0;
  const litStorage = new Uint16Array(MAX_TABLE_SIZE);
  const distStorage = new Uint16Array(MAX_TABLE_SIZE);
  const lengths = new Uint8Array(288 + 32);

  const stop = (kind: InflateErrorKind, message: string, distance?: number): Stop => {
    st.out = out;
    st.o = o;
    st.maxDistance = maxDist;
    return new Stop(kind, message, kind === 'eof' ? inLen : Math.min(inLen, p >>> 3), distance);
  };
  const eof = (what: string): Stop =>
    stop('eof', `input ended inside the deflate stream (${what}) after ${inLen} bytes; the download is truncated`);

  while (!final) {
    if (p + 3 > tbts) throw eof('block header');
    final = d[p >>> 3]! >>> (p & 7) & 1;
    const type = ((d[p >>> 3]! | (d[(p >>> 3) + 1]! << 8)) >>> ((p & 7) + 1)) & 3;
    p += 3;
    st.blocks++;

    if (type === 0) {
      // Stored block: byte-aligned LEN, NLEN, then LEN raw bytes (copied byte by byte in uzlib).
      let byte = (p + 7) >>> 3;
      if (byte + 4 > inLen) throw eof('stored block length');
      const len = d[byte]! | (d[byte + 1]! << 8);
      const nlen = d[byte + 2]! | (d[byte + 3]! << 8);
      if (len !== (~nlen & 0xffff)) {
        p = byte * 8;
        throw stop('data', `stored block length ${len} does not match its complement ${nlen} at input byte ${byte}`);
      }
      byte += 4;
      if (o + len > out.length) out = grow(out, o + len);
      const avail = Math.min(len, inLen - byte);
      out.set(d.subarray(byte, byte + avail), o);
      o += avail;
      if (avail < len) throw eof('stored block data');
      p = (byte + len) * 8;
      continue;
    }

    let lit: HuffmanTable;
    let dist: HuffmanTable;
    if (type === 1) {
      lit = FIXED_LITERAL;
      dist = FIXED_DISTANCE;
    } else if (type === 2) {
      // Dynamic block header.
      if (p + 14 > tbts) throw eof('dynamic block header');
      const h = (d[p >>> 3]! | (d[(p >>> 3) + 1]! << 8) | (d[(p >>> 3) + 2]! << 16)) >>> (p & 7);
      const hlit = (h & 31) + 257;
      const hdist = ((h >>> 5) & 31) + 1;
      const hclen = ((h >>> 10) & 15) + 4;
      p += 14;
      lengths.fill(0, 0, 19);
      for (let i = 0; i < hclen; i++) {
        if (p + 3 > tbts) throw eof('code length codes');
        lengths[CODE_LENGTH_ORDER[i]!] = ((d[p >>> 3]! | (d[(p >>> 3) + 1]! << 8)) >>> (p & 7)) & 7;
        p += 3;
      }
      const clTable = buildHuffmanTable(lengths, 0, 19, litStorage);
      if (!clTable) throw stop('data', 'over-subscribed code length code in a dynamic block header');
      const total = hlit + hdist;
      for (let n = 0; n < total; ) {
        const e = clTable.table[((d[p >>> 3]! | (d[(p >>> 3) + 1]! << 8) | (d[(p >>> 3) + 2]! << 16)) >>> (p & 7)) & clTable.mask]!;
        const len = e & 15;
        if (len === 0) {
          if (p + clTable.bits > tbts) throw eof('code lengths');
          throw stop('data', 'invalid code length code in a dynamic block header');
        }
        p += len;
        if (p > tbts) throw eof('code lengths');
        const sym = e >>> 4;
        if (sym < 16) {
          lengths[n++] = sym;
          continue;
        }
        let fill = 0;
        let rep: number;
        const peek = (d[p >>> 3]! | (d[(p >>> 3) + 1]! << 8)) >>> (p & 7);
        if (sym === 16) {
          if (n === 0) throw stop('data', 'code length repeat (16) with no previous length');
          fill = lengths[n - 1]!;
          rep = 3 + (peek & 3);
          p += 2;
        } else if (sym === 17) {
          rep = 3 + (peek & 7);
          p += 3;
        } else {
          rep = 11 + (peek & 127);
          p += 7;
        }
        if (p > tbts) throw eof('code lengths');
        if (n + rep > total) throw stop('data', `code length repeat runs past the ${total} lengths of a dynamic block`);
        for (const end = n + rep; n < end; ) lengths[n++] = fill;
      }
      const l = buildHuffmanTable(lengths, 0, hlit, litStorage);
      const dt = buildHuffmanTable(lengths, hlit, hdist, distStorage);
      if (!l || !dt) throw stop('data', 'over-subscribed literal/length or distance code in a dynamic block');
      lit = l;
      dist = dt;
    } else {
      throw stop('data', `invalid deflate block type 3 at input byte ${p >>> 3}`);
    }

    const lt = lit.table;
    const lmask = lit.mask;
    const dtab = dist.table;
    const dmask = dist.mask;
    for (;;) {
      if (o + 258 > out.length) out = grow(out, o + 258);
      let b = p >>> 3;
      const e = lt[((d[b]! | (d[b + 1]! << 8) | (d[b + 2]! << 16)) >>> (p & 7)) & lmask]!;
      const len = e & 15;
      if (len === 0) {
        if (p + lit.bits > tbts) throw eof('literal/length code');
        throw stop('data', `invalid literal/length code at input byte ${b}`);
      }
      p += len;
      if (p > tbts) throw eof('literal/length code');
      const sym = e >>> 4;
      if (sym < 256) {
        out[o++] = sym;
        continue;
      }
      if (sym === 256) break;
      const li = sym - 257;
      if (li >= 29) throw stop('data', `invalid length symbol ${sym} at input byte ${b}`);
      b = p >>> 3;
      const lx = LENGTH_EXTRA[li]!;
      const length = LENGTH_BASE[li]! + (((d[b]! | (d[b + 1]! << 8)) >>> (p & 7)) & ((1 << lx) - 1));
      p += lx;
      b = p >>> 3;
      const de = dtab[((d[b]! | (d[b + 1]! << 8) | (d[b + 2]! << 16)) >>> (p & 7)) & dmask]!;
      const dlen = de & 15;
      if (dlen === 0) {
        if (p + dist.bits > tbts) throw eof('distance code');
        throw stop('data', `invalid distance code at input byte ${b}`);
      }
      p += dlen;
      if (p > tbts) throw eof('distance code');
      const ds = de >>> 4;
      if (ds >= 30) throw stop('data', `invalid distance symbol ${ds} at input byte ${b}`);
      b = p >>> 3;
      const dx = DIST_EXTRA[ds]!;
      const distance = DIST_BASE[ds]! + (((d[b]! | (d[b + 1]! << 8) | (d[b + 2]! << 16)) >>> (p & 7)) & ((1 << dx) - 1));
      p += dx;
      if (p > tbts) throw eof('distance extra bits');
      if (distance > windowSize) {
        throw stop(
          'window',
          `back-reference distance ${distance} is farther than the ${windowSize}-byte window at output byte ${o}`,
          distance,
        );
      }
      if (distance > maxDist) maxDist = distance;
      let from = o - distance;
      const end = o + length;
      if (from < 0) {
        // Before the start of the output but inside the (zero-filled) ring: zeros, as uzlib gives.
        st.beforeStart = true;
        while (from < 0 && o < end) {
          out[o++] = 0;
          from++;
        }
      }
      const remaining = end - o;
      if (remaining > 32 && distance >= remaining) {
        out.copyWithin(o, from, from + remaining);
        o = end;
      } else {
        while (o < end) out[o++] = out[from++]!;
      }
    }
  }
  st.out = out;
  st.o = o;
  st.maxDistance = maxDist;
  st.endBit = p;
}

function copyProgress(result: InflateResult, st: Progress): void {
  result.output = st.out.subarray(0, st.o);
  result.maxDistance = st.maxDistance;
  result.referencesBeforeStart = st.beforeStart;
  result.blocks = st.blocks;
}

function failed(
  result: InflateResult,
  kind: InflateErrorKind,
  message: string,
  inputOffset: number,
  distance?: number,
): InflateResult {
  result.ok = false;
  result.failure = { kind, message, outputOffset: result.output.length, inputOffset };
  if (distance !== undefined) result.failure.distance = distance;
  return result;
}

function grow(out: Uint8Array, needed: number): Uint8Array {
  let size = out.length * 2;
  while (size < needed) size *= 2;
  const bigger = new Uint8Array(size);
  bigger.set(out);
  return bigger;
}

function readLe32(b: Uint8Array, pos: number): number {
  return (b[pos]! | (b[pos + 1]! << 8) | (b[pos + 2]! << 16) | (b[pos + 3]! << 24)) >>> 0;
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function trailerMissing(what: string, pos: number, length: number): string {
  return `input ended before the ${what} trailer (needs bytes ${pos}..${pos + 3}, have ${length}); the download is truncated`;
}
