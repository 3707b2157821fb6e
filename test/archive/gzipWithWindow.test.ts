import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { inflateBounded, scanMaxDistance } from '../../src/archive/boundedInflate.ts';
import { parseGzipHeader } from '../../src/archive/gzipHeader.ts';
import { compressWithWindow, gzipWithWindow, repeatedBlockBytes } from '../../src/archive/gzipWithWindow.ts';
import { textLikeBytes } from '../../src/archive/seededBytes.ts';

const data = textLikeBytes(120_000, 21);

describe('gzipWithWindow', () => {
  for (let windowBits = 8; windowBits <= 15; windowBits++) {
    it(`windowBits ${windowBits}: decodes with a ${2 ** windowBits}-byte window and equals the input`, () => {
      const gz = gzipWithWindow(data, { windowBits });
      const r = inflateBounded(gz, { format: 'gzip', windowBits });
      expect(r.failure).toBeUndefined();
      // zlib: distances ≤ 2^w − 262 (MAX_DIST); windowBits 8 is run as 9 → ≤ 250.
      expect(r.maxDistance).toBeLessThanOrEqual(Math.max(2 ** windowBits, 512) - 262);
      expect(Buffer.from(r.output).equals(Buffer.from(data))).toBe(true);
      expect(Buffer.from(pako.ungzip(gz)).equals(Buffer.from(data))).toBe(true);
    });
  }

  it('a 15-bit stream of the same data needs more than 4 KiB', () => {
    expect(scanMaxDistance(gzipWithWindow(data, { windowBits: 15 }), 'gzip').maxDistance).toBeGreaterThan(4096);
  });

  it('writes the requested gzip header fields', () => {
    const gz = gzipWithWindow(data, { windowBits: 12, level: 9, gzipHeader: { name: 'pkg-1.0.tar', mtime: 1234, os: 255 } });
    const h = parseGzipHeader(gz);
    expect(h.ok && h.header).toMatchObject({ name: 'pkg-1.0.tar', mtime: 1234, os: 255, xfl: 2, flags: 8 });
  });

  it('zlib output announces its window in the header', () => {
    const z = compressWithWindow(data, { format: 'zlib', windowBits: 12 });
    expect(inflateBounded(z, { format: 'zlib', windowBits: 12 }).zlibHeader?.windowBits).toBe(12);
  });

  it('rejects windowBits outside 8..15', () => {
    expect(() => gzipWithWindow(data, { windowBits: 16 })).toThrow(/windowBits must be an integer 8\.\.15/);
  });
});

describe('repeatedBlockBytes', () => {
  for (const distance of [300, 1024, 4096, 8192, 20000]) {
    it(`puts every back-reference at exactly ${distance}`, () => {
      const gz = pako.gzip(repeatedBlockBytes(distance, distance * 4, 5));
      expect(scanMaxDistance(gz, 'gzip').maxDistance).toBe(distance);
    });
  }
});
