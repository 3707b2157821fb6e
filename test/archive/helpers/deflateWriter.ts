/**
 * A tiny hand-driven DEFLATE writer for tests: stored blocks and fixed-Huffman blocks whose
 * literals and (length, distance) pairs are chosen exactly, so a test knows where each
 * back-reference sits without trusting any encoder.
 */
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

export type Op = { lit: number } | { len: number; dist: number };

export class DeflateWriter {
  private readonly out: number[] = [];
  private cur = 0;
  private n = 0;

  /** `count` bits of `value`, least significant first (headers, extra bits). */
  bits(value: number, count: number): this {
    for (let i = 0; i < count; i++) this.bit((value >> i) & 1);
    return this;
  }

  /** A Huffman code, most significant bit first. */
  code(value: number, length: number): this {
    for (let i = length - 1; i >= 0; i--) this.bit((value >> i) & 1);
    return this;
  }

  stored(data: Uint8Array, final: boolean): this {
    this.bits(final ? 1 : 0, 1).bits(0, 2).align();
    this.out.push(data.length & 0xff, data.length >> 8, ~data.length & 0xff, (~data.length >> 8) & 0xff, ...data);
    return this;
  }

  fixed(ops: readonly Op[], final: boolean): this {
    this.bits(final ? 1 : 0, 1).bits(1, 2);
    for (const op of ops) {
      if ('lit' in op) {
        this.symbol(op.lit);
        continue;
      }
      const li = LENGTH_BASE.findLastIndex((b) => b <= op.len);
      this.symbol(257 + li).bits(op.len - LENGTH_BASE[li]!, LENGTH_EXTRA[li]!);
      const di = DIST_BASE.findLastIndex((b) => b <= op.dist);
      this.code(di, 5).bits(op.dist - DIST_BASE[di]!, DIST_EXTRA[di]!);
    }
    return this.symbol(256);
  }

  bytes(): Uint8Array {
    this.align();
    return Uint8Array.from(this.out);
  }

  private symbol(s: number): this {
    if (s < 144) return this.code(0x30 + s, 8);
    if (s < 256) return this.code(0x190 + s - 144, 9);
    if (s < 280) return this.code(s - 256, 7);
    return this.code(0xc0 + s - 280, 8);
  }

  private bit(b: number): void {
    this.cur |= b << this.n++;
    if (this.n === 8) this.flushByte();
  }

  private align(): void {
    if (this.n > 0) this.flushByte();
  }

  private flushByte(): void {
    this.out.push(this.cur);
    this.cur = 0;
    this.n = 0;
  }
}

/** `repeats` copies of the distance-D block as matches of up to 258 bytes. */
export function copyOps(distance: number, total: number): Op[] {
  const ops: Op[] = [];
  for (let left = total; left > 0; ) {
    let len = Math.min(258, left);
    if (left - len > 0 && left - len < 3) len -= 3; // never leave a tail shorter than a match
    ops.push({ len, dist: distance });
    left -= len;
  }
  return ops;
}
