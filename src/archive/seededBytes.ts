/**
 * Deterministic test data for archive scenarios: incompressible random bytes, text-like
 * compressible bytes, and data whose every back-reference is at one chosen distance.
 */

/** mulberry32: tiny, fast, good enough to make bytes a compressor cannot predict. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * `size` pseudo-random bytes, the same for the same seed.
 *
 * @example
 * seededRandomBytes(4096, 7).length // 4096
 */
export function seededRandomBytes(size: number, seed = 1): Uint8Array {
  const next = mulberry32(seed);
  const out = new Uint8Array(size);
  let i = 0;
  for (; i + 4 <= size; i += 4) {
    const v = next();
    out[i] = v;
    out[i + 1] = v >>> 8;
    out[i + 2] = v >>> 16;
    out[i + 3] = v >>> 24;
  }
  if (i < size) {
    const v = next();
    for (let k = 0; i < size; i++, k += 8) out[i] = v >>> k;
  }
  return out;
}

const WORDS = (
  'the of and to in is that for it as with was on be by this are or from at an but not have which one all ' +
  'import def return self class if else elif while none true false print value socket buffer micropython ' +
  'install package version index network device firmware module window deflate gzip archive upip mip'
).split(' ');

/**
 * `size` bytes of word soup with numbers and line breaks: compresses like source code or prose
 * (roughly 3:1 to 4:1 with zlib level 6), with back-references at all distances up to 32 KiB.
 *
 * @example
 * new TextDecoder().decode(textLikeBytes(40, 1)) // e.g. 'socket 4127 of the ...'
 */
export function textLikeBytes(size: number, seed = 1): Uint8Array {
  const next = mulberry32(seed);
  const out = new Uint8Array(size);
  let o = 0;
  let column = 0;
  while (o < size) {
    const r = next();
    let word = WORDS[r % WORDS.length]!;
    if ((r >>> 8) % 7 === 0) word = String((r >>> 12) % 100000);
    for (let i = 0; i < word.length && o < size; i++) out[o++] = word.charCodeAt(i);
    column += word.length + 1;
    if (o < size) {
      const breakLine = column > 60 + ((r >>> 20) % 20);
      out[o++] = breakLine ? 10 : 32;
      if (breakLine) column = 0;
    }
  }
  return out;
}

/**
 * One random block of `distance` bytes repeated up to `total` bytes. Compressed by zlib/pako with
 * a window ≥ distance + 262, every back-reference is exactly `distance` bytes away and the first
 * one starts at output offset `distance` — data a 4 KiB window must reject
 * (`repeatedBlockBytes(8192, 40960)`).
 *
 * @example
 * repeatedBlockBytes(8192, 5 * 8192) // 40 KiB, refs at 8192
 */
export function repeatedBlockBytes(distance: number, total: number, seed = 1): Uint8Array {
  if (!Number.isInteger(distance) || distance < 1) {
    throw new RangeError(`distance must be a positive integer, got ${distance}`);
  }
  const block = seededRandomBytes(distance, seed);
  const out = new Uint8Array(total);
  for (let o = 0; o < total; o += distance) out.set(block.subarray(0, Math.min(distance, total - o)), o);
  return out;
}
