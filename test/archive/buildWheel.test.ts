import { describe, expect, it } from 'vitest';
import { inflateBounded } from '../../src/archive/boundedInflate.ts';
import { buildWheel } from '../../src/archive/buildWheel.ts';
import { crc32 } from '../../src/archive/checksums.ts';

describe('buildWheel', () => {
  it('is a zip whose entries inflate to the files, with a dist-info', () => {
    const whl = buildWheel({ name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'x = 1\n' }, requires: ['bar'] });
    const view = new DataView(whl.buffer, whl.byteOffset, whl.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const eocd = whl.length - 22;
    expect(view.getUint32(eocd, true)).toBe(0x06054b50);
    expect(view.getUint16(eocd + 10, true)).toBe(4); // foo.py, METADATA, WHEEL, RECORD

    const nameLen = view.getUint16(26, true);
    const compressed = view.getUint32(18, true);
    const name = new TextDecoder().decode(whl.subarray(30, 30 + nameLen));
    const body = whl.subarray(30 + nameLen, 30 + nameLen + compressed);
    const r = inflateBounded(body, { format: 'raw', windowBits: 15 });
    expect(name).toBe('foo.py');
    expect(new TextDecoder().decode(r.output)).toBe('x = 1\n');
    expect(view.getUint32(14, true)).toBe(crc32(r.output));
    expect(new TextDecoder().decode(whl)).toContain('micropython_foo-1.0.dist-info/METADATA');
  });
});
