import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/py/PyException.ts';
import { packTar } from '../../src/archive/buildSdist.ts';
import { setNumericTerminator, tarHeaderChecksum, readOctalField } from '../../src/archive/tarNumericFields.ts';
import { bytesSource, UtarReader, type UtarInfo, type UtarVariant } from '../../src/archive/utarReader.ts';

const enc = new TextEncoder();
const members = [
  { name: 'pkg-1.0/' },
  { name: 'pkg-1.0/a.py', data: enc.encode('print(1)\n') },
  { name: 'pkg-1.0/big.bin', data: new Uint8Array(1300).fill(7) },
];

function readAll(tar: Uint8Array, variant?: UtarVariant): { infos: UtarInfo[]; contents: Uint8Array[] } {
  const reader = new UtarReader(bytesSource(tar), variant ? { variant } : {});
  const infos: UtarInfo[] = [];
  const contents: Uint8Array[] = [];
  for (let info = reader.next(); info; info = reader.next()) {
    infos.push(info);
    contents.push(reader.extractfile(info).read());
  }
  return { infos, contents };
}

describe('UtarReader (upip_utarfile v1.12–v1.19.1)', () => {
  it('reads members, sizes, dir-ness by trailing slash, content', async () => {
    const { infos, contents } = readAll(await packTar(members));
    expect(infos.map((i) => [i.name, i.size, i.type])).toEqual([
      ['pkg-1.0/', 0, 'dir'],
      ['pkg-1.0/a.py', 9, 'file'],
      ['pkg-1.0/big.bin', 1300, 'file'],
    ]);
    expect(new TextDecoder().decode(contents[1])).toBe('print(1)\n');
    expect(infos[2]!.headerOffset).toBe(1536);
  });

  it('reads NUL- and space-terminated numeric fields alike (11-byte size field)', async () => {
    const space = await packTar(members);
    const nul = setNumericTerminator(space, 'nul');
    expect(String.fromCharCode(...nul.subarray(512 + 124, 512 + 136))).toBe('00000000011\0');
    expect(String.fromCharCode(...space.subarray(512 + 124, 512 + 136))).toBe('00000000011 ');
    expect(readAll(nul).infos.map((i) => i.size)).toEqual([0, 9, 1300]);
  });

  it('skips unread content and padding (16-byte steps) before the next header', async () => {
    const reader = new UtarReader(bytesSource(await packTar(members)));
    reader.next();
    reader.next();
    expect(reader.next()?.name).toBe('pkg-1.0/big.bin');
    expect(reader.position).toBe(2048); // dir 512 + a.py 512+512 + header 512
  });

  it('ends at a header whose first byte is NUL, or at an empty read', async () => {
    const tar = await packTar(members.slice(1, 2));
    expect(readAll(tar.subarray(0, 1024)).infos.length).toBe(1); // no end-of-archive blocks at all
    const reader = new UtarReader(bytesSource(tar));
    reader.next();
    expect(reader.next()).toBeUndefined();
  });

  it('ignores the typeflag: a symlink or pax header is a "file"', async () => {
    const tar = await packTar(members.slice(1, 2));
    tar[156] = '2'.charCodeAt(0);
    expect(readAll(tar).infos[0]?.type).toBe('file');
  });

  it('raises UnicodeError for a name that is not UTF-8', async () => {
    const tar = await packTar(members.slice(1, 2));
    tar[3] = 0xff;
    expect(() => readAll(tar)).toThrow(PyException);
    expect(() => readAll(tar)).toThrow(/^UnicodeError$/);
  });
});

describe('older tar readers and micropython#3339', () => {
  it("upip ≤ 1.2.1 on a fixed-rstrip MicroPython fails on CPython's NUL-terminated size", async () => {
    const nul = setNumericTerminator(await packTar(members.slice(1, 2)), 'nul');
    expect(() => readAll(nul, 'upip-1.2.1')).toThrow("invalid syntax for integer with base 8: '00000000011\\x00'");
  });

  it('upip ≤ 1.2.1 reads space-terminated sizes, but keeps NULs in names', async () => {
    const { infos } = readAll(await packTar(members.slice(1, 2)), 'upip-1.2.1');
    expect(infos[0]?.size).toBe(9);
    expect(infos[0]?.name.startsWith('pkg-1.0/a.py\0')).toBe(true);
    expect(infos[0]?.name.length).toBe(100);
  });

  it("utarfile 0.4.0 (12-byte field, no strip) fails on ' \\0' and on NUL, works on a bare space", async () => {
    const tar = await packTar(members.slice(1, 2));
    expect(readAll(tar, 'utarfile-0.4.0').infos[0]?.size).toBe(9);
    expect(() => readAll(setNumericTerminator(tar, 'nul'), 'utarfile-0.4.0')).toThrow(/base 8: '00000000011\\x00'/);
    const gnu = tar.slice();
    gnu.set(enc.encode('0000011 \0'), 124 + 3); // "000" + "0000011 \0" = GNU-style size with " \0"
    expect(() => readAll(gnu, 'utarfile-0.4.0')).toThrow(/invalid syntax for integer with base 8/);
  });

  it('setNumericTerminator keeps headers valid (checksum recomputed)', async () => {
    for (const style of ['nul', 'space'] as const) {
      const tar = setNumericTerminator(await packTar(members), style);
      for (const off of [0, 512, 1536]) {
        expect(readOctalField(tar, off + 148, 8)).toBe(tarHeaderChecksum(tar, off));
      }
    }
  });
});
