import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { inflateBounded } from '../../src/archive/boundedInflate.ts';
import { InflateStream, InflateStreamError, inflateFailureToPyException } from '../../src/archive/inflateStream.ts';
import { seededRandomBytes } from '../../src/archive/seededBytes.ts';
import { copyOps, DeflateWriter } from './helpers/deflateWriter.ts';

// 5000 random bytes, then copies 5000 back: a 4 KiB window fails at output offset 5000.
const stream = new DeflateWriter().stored(seededRandomBytes(5000, 9), false).fixed(copyOps(5000, 5000), true).bytes();

describe('InflateStream read semantics (uzlib DecompIO)', () => {
  it('serves reads that end at or before the failure offset, then raises', () => {
    const s = new InflateStream(inflateBounded(stream, { format: 'raw', windowBits: 12 }));
    expect(s.read(4488).length).toBe(4488);
    expect(s.read(512).length).toBe(512); // ends exactly at 5000: the bad symbol is not decoded yet
    expect(() => s.read(1)).toThrow(InflateStreamError);
    expect(() => s.read(1)).toThrow(/farther than the 4096-byte window/);
  });

  it('a read straddling the failure loses its bytes', () => {
    const s = new InflateStream(inflateBounded(stream, { format: 'raw', windowBits: 12 }));
    s.read(4608);
    expect(() => s.read(512)).toThrow(InflateStreamError);
    expect(s.position).toBe(4608);
  });

  it('a good stream ends with a short read, then empty reads', () => {
    const s = new InflateStream(inflateBounded(pako.gzip(new Uint8Array(700)), { format: 'gzip', windowBits: 15 }));
    expect(s.read(512).length).toBe(512);
    expect(s.read(512).length).toBe(188);
    expect(s.read(512).length).toBe(0);
    expect(s.atEnd).toBe(true);
  });

  it('maps failures to the exceptions MicroPython raises', () => {
    const window = inflateBounded(stream, { format: 'raw', windowBits: 12 }).failure!;
    expect(inflateFailureToPyException(window, 'uzlib').line).toBe('OSError: [Errno 22] EINVAL');
    const eof = inflateBounded(stream.subarray(0, 100), { format: 'raw', windowBits: 15 }).failure!;
    expect(inflateFailureToPyException(eof, 'deflate').line).toBe('EOFError');
    const header = inflateBounded(Uint8Array.of(0x50, 0x4b, 3, 4), { format: 'gzip', windowBits: 15 }).failure!;
    expect(inflateFailureToPyException(header, 'uzlib').line).toBe('ValueError: compression header');
    expect(inflateFailureToPyException(header, 'deflate').line).toBe('OSError: [Errno 22] EINVAL');
  });
});
