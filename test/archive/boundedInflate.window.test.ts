import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { inflateBounded, scanMaxDistance, windowBitsFor } from '../../src/archive/boundedInflate.ts';
import { gzipWithWindow } from '../../src/archive/gzipWithWindow.ts';
import { repeatedBlockBytes, seededRandomBytes } from '../../src/archive/seededBytes.ts';
import { copyOps, DeflateWriter } from './helpers/deflateWriter.ts';

// Test data: 40 KiB = one random 8 KiB block five times, gzip'd with a 32 KiB window.
const data8k = repeatedBlockBytes(8192, 40960);
const gz8k = pako.gzip(data8k, { windowBits: 15 });

describe('window enforcement (uzlib: distance > W fails, distance == W is fine)', () => {
  it('a 4 KiB window fails at the first reference 8192 bytes back, with the bytes before it', () => {
    const r = inflateBounded(gz8k, { format: 'gzip', windowBits: 12 });
    expect(r.ok).toBe(false);
    expect(r.failure?.kind).toBe('window');
    expect(r.failure?.distance).toBe(8192);
    // zlib's lazy matcher starts the first copy at (or a literal or two after) offset 8192.
    expect(r.failure?.outputOffset).toBeGreaterThanOrEqual(8192);
    expect(r.failure?.outputOffset).toBeLessThan(8192 + 8);
    expect(r.firstTooFarAt).toBe(r.failure?.outputOffset);
    expect(Buffer.from(r.output).equals(Buffer.from(data8k.subarray(0, r.output.length)))).toBe(true);
  });

  it('an 8 KiB window decodes it all', () => {
    const r = inflateBounded(gz8k, { format: 'gzip', windowBits: 13 });
    expect(r.ok).toBe(true);
    expect(r.maxDistance).toBe(8192);
    expect(r.output.length).toBe(40960);
  });

  // Hand-made streams: a stored block of D random bytes, then copies at distance D from offset D.
  const handMade = (distance: number): Uint8Array =>
    new DeflateWriter().stored(seededRandomBytes(distance, 2), false).fixed(copyOps(distance, 3 * distance), true).bytes();

  it('references exactly 4096 bytes back pass a 4 KiB window', () => {
    const r = inflateBounded(handMade(4096), { format: 'raw', windowBits: 12 });
    expect(r.ok).toBe(true);
    expect(r.maxDistance).toBe(4096);
    expect(r.output.length).toBe(4 * 4096);
  });

  it('a reference 4097 bytes back fails a 4 KiB window exactly at its output offset', () => {
    const r = inflateBounded(handMade(4097), { format: 'raw', windowBits: 12 });
    expect(r.failure).toMatchObject({ kind: 'window', distance: 4097, outputOffset: 4097 });
    expect(r.output.length).toBe(4097);
  });

  it('the failure is at the FIRST too-far reference, after nearer ones were served', () => {
    const stream = new DeflateWriter()
      .stored(seededRandomBytes(6000, 3), false)
      .fixed([{ len: 100, dist: 4096 }, { lit: 7 }, { len: 50, dist: 5000 }, { len: 10, dist: 6000 }], true)
      .bytes();
    const r = inflateBounded(stream, { format: 'raw', windowBits: 12 });
    expect(r.failure).toMatchObject({ kind: 'window', distance: 5000, outputOffset: 6101 });
    expect(r.maxDistance).toBe(4096);
  });

  it('pako alone does not enforce a 4 KiB window with its default chunk size (why this decoder exists)', () => {
    const inflater = new pako.Inflate({ windowBits: 16 + 12 });
    inflater.push(gz8k, true);
    expect(inflater.err).toBe(0);
  });

  it('scan mode measures the maximum distance and the window needed', () => {
    const scan = scanMaxDistance(gz8k, 'gzip');
    expect(scan).toMatchObject({ ok: true, maxDistance: 8192, neededWindowBits: 13, neededWindow: 8192 });
    expect(windowBitsFor(0)).toBe(8);
    expect(windowBitsFor(256)).toBe(8);
    expect(windowBitsFor(257)).toBe(9);
    expect(windowBitsFor(32768)).toBe(15);
  });

  it('a 12-bit stream made by pako never references beyond 4096 bytes', () => {
    const tgz = gzipWithWindow(data8k, { windowBits: 12 });
    const r = inflateBounded(tgz, { format: 'gzip', windowBits: 12 });
    expect(r.ok).toBe(true);
    expect(r.maxDistance).toBeLessThanOrEqual(4096);
    expect(Buffer.from(r.output).equals(Buffer.from(data8k))).toBe(true);
  });

  it('models uzlib 1.12–1.18 zlib windows (128 bytes) by windowBits 7', () => {
    const z = pako.deflate(repeatedBlockBytes(1024, 4096), { windowBits: 15 });
    expect(inflateBounded(z, { format: 'zlib', windowBits: 7 }).failure?.kind).toBe('window');
  });

  it('rejects a windowBits outside 0..15 with a clear message', () => {
    expect(() => inflateBounded(gz8k, { format: 'gzip', windowBits: 16 })).toThrow(/windowBits must be an integer 0\.\.15/);
  });
});
