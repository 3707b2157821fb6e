import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { inflateBounded } from '../../src/archive/boundedInflate.ts';
import { repeatedBlockBytes, seededRandomBytes, textLikeBytes } from '../../src/archive/seededBytes.ts';

const samples: [string, Uint8Array][] = [
  ['text-like 200 KiB', textLikeBytes(200 * 1024, 3)],
  ['random 70 KiB', seededRandomBytes(70 * 1024, 4)],
  ['random + text mix', new Uint8Array([...seededRandomBytes(9000, 5), ...textLikeBytes(50_000, 6), ...repeatedBlockBytes(3000, 20_000, 7)])],
  ['one byte', Uint8Array.of(42)],
  ['empty', new Uint8Array(0)],
];

describe('inflateBounded output equals pako', () => {
  for (const [label, data] of samples) {
    for (let windowBits = 9; windowBits <= 15; windowBits++) {
      it(`${label}, gzip windowBits ${windowBits}`, () => {
        const gz = pako.gzip(data, { windowBits });
        const r = inflateBounded(gz, { format: 'gzip', windowBits: 15 });
        expect(r.failure).toBeUndefined();
        expect(r.ok).toBe(true);
        expect(Buffer.from(r.output).equals(Buffer.from(pako.ungzip(gz)))).toBe(true);
        expect(r.output.length).toBe(data.length);
        expect(r.maxDistance).toBeLessThanOrEqual(2 ** windowBits);
        expect(r.trailer?.isizeMatches).toBe(true);
      });
    }
  }

  it('zlib and raw wrappers, every level, and fixed-Huffman blocks', () => {
    const data = textLikeBytes(60_000, 9);
    for (const level of [0, 1, 6, 9]) {
      const z = pako.deflate(data, { level });
      const rz = inflateBounded(z, { format: 'zlib', windowBits: 15 });
      expect(rz.ok).toBe(true);
      expect(Buffer.from(rz.output).equals(Buffer.from(data))).toBe(true);
      const raw = pako.deflateRaw(data, { level });
      const rr = inflateBounded(raw, { format: 'raw', windowBits: 15 });
      expect(rr.ok).toBe(true);
      expect(Buffer.from(rr.output).equals(Buffer.from(data))).toBe(true);
    }
    const fixed = pako.deflateRaw(data, { strategy: 4 }); // Z_FIXED
    const rf = inflateBounded(fixed, { format: 'raw', windowBits: 15 });
    expect(rf.ok).toBe(true);
    expect(Buffer.from(rf.output).equals(Buffer.from(data))).toBe(true);
  });

  it('reads the zlib header window and checks Adler-32', () => {
    const z = pako.deflate(textLikeBytes(5000, 1), { windowBits: 12 });
    const r = inflateBounded(z, { format: 'zlib', windowBits: 12 });
    expect(r.zlibHeader?.windowBits).toBe(12);
    expect(r.trailer?.adler32).toBe(r.trailer?.computed);
  });
});
