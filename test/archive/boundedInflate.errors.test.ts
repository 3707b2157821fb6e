import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { inflateBounded } from '../../src/archive/boundedInflate.ts';
import { buildWheel } from '../../src/archive/buildWheel.ts';
import { textLikeBytes } from '../../src/archive/seededBytes.ts';

const data = textLikeBytes(100_000, 11);
const gz = pako.gzip(data);

describe('inflateBounded failure kinds', () => {
  it('truncated deflate data → eof, with a correct prefix of the output', () => {
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const r = inflateBounded(cut, { format: 'gzip', windowBits: 15 });
    expect(r.failure?.kind).toBe('eof');
    expect(r.failure?.inputOffset).toBe(cut.length);
    expect(r.output.length).toBeGreaterThan(0);
    expect(r.output.length).toBeLessThan(data.length);
    expect(Buffer.from(r.output).equals(Buffer.from(data.subarray(0, r.output.length)))).toBe(true);
  });

  it('a missing trailer → eof after all the data was produced', () => {
    const r = inflateBounded(gz.subarray(0, gz.length - 3), { format: 'gzip', windowBits: 15 });
    expect(r.failure?.kind).toBe('eof');
    expect(r.output.length).toBe(data.length);
  });

  it('a truncated gzip header → eof; a non-gzip header → header', () => {
    expect(inflateBounded(gz.subarray(0, 5), { format: 'gzip', windowBits: 15 }).failure?.kind).toBe('eof');
    const zip = inflateBounded(buildWheel({ name: 'x', version: '1', files: { 'x.py': '' } }), { format: 'gzip', windowBits: 15 });
    expect(zip.failure?.kind).toBe('header');
    expect(zip.failure?.message).toMatch(/not gzip: first byte is 0x50/);
    expect(inflateBounded(gz, { format: 'zlib', windowBits: 15 }).failure?.kind).toBe('header');
  });

  it('a bad CRC-32 → checksum, after all output', () => {
    const bad = gz.slice();
    bad[bad.length - 8]! ^= 0xff;
    const r = inflateBounded(bad, { format: 'gzip', windowBits: 15 });
    expect(r.failure?.kind).toBe('checksum');
    expect(r.output.length).toBe(data.length);
  });

  it('a wrong ISIZE is ignored like uzlib does, unless verifyIsize', () => {
    const bad = gz.slice();
    bad[bad.length - 1]! ^= 0x01;
    expect(inflateBounded(bad, { format: 'gzip', windowBits: 15 })).toMatchObject({ ok: true, trailer: { isizeMatches: false } });
    expect(inflateBounded(bad, { format: 'gzip', windowBits: 15, verifyIsize: true }).failure?.kind).toBe('checksum');
  });

  it('a bad Adler-32 → checksum', () => {
    const z = pako.deflate(data).slice();
    z[z.length - 1]! ^= 0xff;
    expect(inflateBounded(z, { format: 'zlib', windowBits: 15 }).failure?.kind).toBe('checksum');
  });

  it('block type 3 → data', () => {
    const r = inflateBounded(Uint8Array.of(0x07), { format: 'raw', windowBits: 15 });
    expect(r.failure?.kind).toBe('data');
  });

  it('bytes after the gzip trailer are counted, never decoded', () => {
    const two = new Uint8Array([...gz, ...pako.gzip('second member')]);
    const r = inflateBounded(two, { format: 'gzip', windowBits: 15 });
    expect(r.ok).toBe(true);
    expect(r.output.length).toBe(data.length);
    expect(r.trailingBytes).toBe(two.length - gz.length);
  });

  it('a reference before the start of the output yields zeros (uzlib ring is zero-filled)', () => {
    // Fixed-Huffman block: literal 'A', then length 3 at distance 4 (1 byte produced so far), end.
    // Bits (LSB first): BFINAL=1, BTYPE=01, lit 'A' (0x41 → code 0x71, 8 bits), len sym 257 (7 bits 0000001),
    // dist code 3 (5 bits 00011), EOB (7 bits 0000000).
    const bits: number[] = [1, 1, 0];
    const pushCode = (code: number, len: number): void => {
      for (let i = len - 1; i >= 0; i--) bits.push((code >> i) & 1);
    };
    pushCode(0x30 + 0x41, 8);
    pushCode(1, 7);
    pushCode(3, 5);
    pushCode(0, 7);
    const bytes = new Uint8Array(Math.ceil(bits.length / 8));
    bits.forEach((b, i) => (bytes[i >> 3]! |= b << (i & 7)));
    const r = inflateBounded(bytes, { format: 'raw', windowBits: 8 });
    expect(r.ok).toBe(true);
    expect([...r.output]).toEqual([0x41, 0, 0, 0]);
    expect(r.referencesBeforeStart).toBe(true);
  });
});

describe('eof is reported where uzlib would first need a missing byte', () => {
  it('inside a stored block: every available byte is produced', async () => {
    const { DeflateWriter } = await import('./helpers/deflateWriter.ts');
    const payload = textLikeBytes(1000, 2);
    const stream = new DeflateWriter().stored(payload, true).bytes();
    const cut = stream.subarray(0, 5 + 600); // 1 header byte + LEN/NLEN + 600 data bytes
    const r = inflateBounded(cut, { format: 'raw', windowBits: 15 });
    expect(r.failure?.kind).toBe('eof');
    expect(r.output.length).toBe(600);
  });
});
