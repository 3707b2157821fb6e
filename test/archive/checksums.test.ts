import { describe, expect, it } from 'vitest';
import { adler32, crc32, crc32Js } from '../../src/archive/checksums.ts';
import { seededRandomBytes } from '../../src/archive/seededBytes.ts';

const enc = new TextEncoder();

describe('checksums', () => {
  it('known values', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32Js(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(adler32(enc.encode('Wikipedia'))).toBe(0x11e60398);
  });

  it('the JS CRC-32 equals the native one, incrementally too', () => {
    const data = seededRandomBytes(100_003, 8);
    const whole = crc32(data);
    expect(crc32Js(data)).toBe(whole);
    expect(crc32Js(data, crc32Js(data, 0, 0, 777), 777)).toBe(whole);
  });

  it('Adler-32 survives long runs of 0xff (modulo overflow)', () => {
    const data = new Uint8Array(1_000_000).fill(0xff);
    let a = 1;
    let b = 0;
    for (const x of data) {
      a = (a + x) % 65521;
      b = (b + a) % 65521;
    }
    expect(adler32(data)).toBe(((b << 16) | a) >>> 0);
  });
});
