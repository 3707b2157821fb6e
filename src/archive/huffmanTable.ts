/**
 * Canonical Huffman decoding tables for DEFLATE, one lookup per symbol: the table is indexed by
 * the next `bits` input bits (LSB first, as DEFLATE packs them) and each entry holds
 * `symbol << 4 | codeLength`. An entry of 0 means "no code here" (an incomplete code set), which
 * the decoder reports as corrupt data if the stream ever reaches it.
 */

/** Bit-reversal of every 15-bit value, so a code of length L reverses as `REV15[c] >>> (15 - L)`. */
const REV15: Uint16Array = (() => {
  const t = new Uint16Array(1 << 15);
  for (let i = 0; i < t.length; i++) {
    let x = i;
    let r = 0;
    for (let k = 0; k < 15; k++) {
      r = (r << 1) | (x & 1);
      x >>= 1;
    }
    t[i] = r;
  }
  return t;
})();

/** A decoding table: `table[peek(bits)]` → `symbol << 4 | length`. */
export interface HuffmanTable {
  table: Uint16Array;
  /** Bits to peek: the longest code length (0 when no symbol has a code). */
  bits: number;
  /** `(1 << bits) - 1`. */
  mask: number;
}

/** The largest table a DEFLATE code needs (15-bit codes). */
export const MAX_TABLE_SIZE = 1 << 15;

/**
 * Build a table for `count` code lengths starting at `lengths[offset]`, into `storage` (reused
 * between blocks to avoid allocation). Returns `undefined` when the lengths over-subscribe the
 * code space (more codes of a length than can exist): such a stream is corrupt.
 *
 * @example
 * const t = buildHuffmanTable(Uint8Array.from([2, 1, 3, 3]), 0, 4, new Uint16Array(MAX_TABLE_SIZE));
 * // symbol 1 has code "0": t.table[0] >>> 4 === 1
 */
export function buildHuffmanTable(
  lengths: Uint8Array,
  offset: number,
  count: number,
  storage: Uint16Array,
): HuffmanTable | undefined {
  const lengthCount = new Uint16Array(16);
  let maxBits = 0;
  for (let i = 0; i < count; i++) {
    const len = lengths[offset + i]!;
    lengthCount[len]!++;
    if (len > maxBits) maxBits = len;
  }
  lengthCount[0] = 0;
  const nextCode = new Uint16Array(16);
  let code = 0;
  for (let len = 1; len <= 15; len++) {
    code = (code + lengthCount[len - 1]!) << 1;
    nextCode[len] = code;
  }
  const size = 1 << maxBits;
  storage.fill(0, 0, size);
  for (let sym = 0; sym < count; sym++) {
    const len = lengths[offset + sym]!;
    if (len === 0) continue;
    const c = nextCode[len]!++;
    if (c >= 1 << len) return undefined;
    const entry = (sym << 4) | len;
    const step = 1 << len;
    for (let r = REV15[c]! >>> (15 - len); r < size; r += step) storage[r] = entry;
  }
  return { table: storage, bits: maxBits, mask: size - 1 };
}
