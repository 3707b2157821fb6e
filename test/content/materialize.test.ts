import { describe, expect, it } from 'vitest';
import { buildMpy } from '../../src/mpy/buildMpy.ts';
import { materialize } from '../../src/content/materialize.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('materialize', () => {
  it('encodes text forms as UTF-8', async () => {
    expect(text(await materialize('héllo'))).toBe('héllo');
    expect(text(await materialize({ text: 'x' }))).toBe('x');
  });

  it('decodes base64', async () => {
    expect(await materialize({ base64: 'AAEC/w==' })).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it('serialises json compactly', async () => {
    expect(text(await materialize({ json: { v: 1, hashes: [['a.py', 'x']] } }))).toBe('{"v":1,"hashes":[["a.py","x"]]}');
  });

  it('repeats text', async () => {
    expect(text(await materialize({ repeat: { text: 'ab', times: 3 } }))).toBe('ababab');
  });

  it('makes the same random bytes for the same seed, other bytes for another', async () => {
    const a = await materialize({ random: { size: 37, seed: 5 } });
    expect(a).toHaveLength(37);
    expect(await materialize({ random: { size: 37, seed: 5 } })).toEqual(a);
    expect(await materialize({ random: { size: 37, seed: 6 } })).not.toEqual(a);
  });

  it('builds .mpy files, filling header defaults', async () => {
    const defaults = { version: 6, sub: 0, arch: 0, smallIntBits: 31, magic: 'M', empty: false };
    expect(await materialize({ mpy: { version: 5 } })).toEqual(buildMpy({ ...defaults, version: 5 }));
    expect(Array.from((await materialize({ mpy: {} })).subarray(0, 4))).toEqual([0x4d, 6, 0, 31]);
  });
});

describe('materialize sdist', () => {
  it('builds a gzip file', async () => {
    const bytes = await materialize({ sdist: { name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'x = 1\n' } } });
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x1f, 0x8b]);
  });
});
