import { describe, expect, it } from 'vitest';
import { buildSdist, buildSdistNeedingLargeWindow, packTar } from '../../src/archive/buildSdist.ts';
import { buildWheel } from '../../src/archive/buildWheel.ts';
import { inspectArchive, locateTarOffset } from '../../src/archive/inspectArchive.ts';
import { textLikeBytes } from '../../src/archive/seededBytes.ts';
import type { FileContent } from '../../src/scenario/schema.ts';

const content = async (c: FileContent): Promise<Uint8Array> =>
  typeof c === 'string' ? new TextEncoder().encode(c) : textLikeBytes(60_000, 4);

const spec = { name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'x = 1\n', 'data.txt': { text: '' } }, requires: ['micropython-bar'] };

describe('inspectArchive (reading alone; what upip does is inspectPackage)', () => {
  it('a 4 KiB archive: needs 4 KiB; members with what upip\'s rules make of them', async () => {
    const report = inspectArchive(await buildSdist({ ...spec, windowBits: 12 }, content));
    expect(report.kind).toBe('gzip');
    expect(report.problem).toBeUndefined();
    expect(report.neededWindow).toBeLessThanOrEqual(4096);
    expect(report.members.find((m) => m.name.endsWith('/foo.py'))).toMatchObject({ size: 6, type: 'file', upip: 'extract' });
    expect(report.members.find((m) => m.name.endsWith('/setup.py'))?.upip).toBe('skip');
    expect(report.members[0]?.headerOffset).toBe(0);
  });

  it('a 32 KiB archive: needs 32 KiB, with the gzip header as CPython writes it', async () => {
    const report = inspectArchive(await buildSdist({ ...spec, windowBits: 15 }, content));
    expect(report.neededWindow).toBe(32768);
    expect(report.maxDistance).toBeGreaterThan(4096);
    expect(report.gzip).toMatchObject({ originalName: 'micropython-foo-1.0.tar', osName: 'unknown', flagNames: ['NAME'] });
    expect(report.members.find((m) => m.name.endsWith('/')) ).toMatchObject({ type: 'dir', upip: 'dir' });
  });

  it('locates a tar offset in a member\'s header, data or padding', async () => {
    const report = inspectArchive(await buildSdistNeedingLargeWindow({ name: 'micropython-big', version: '1.0' }));
    const blob = report.members.find((m) => m.name === 'micropython-big-1.0/big_blob.bin')!;
    expect(locateTarOffset(report.members, blob.headerOffset + 10)).toEqual({ member: blob.name, part: 'header' });
    expect(locateTarOffset(report.members, blob.headerOffset + 512 + 100)).toEqual({ member: blob.name, part: 'data' });
    expect(locateTarOffset(report.members, report.uncompressedSize + 1)).toEqual({ part: 'end-of-archive' });
  });

  it('a wheel is "not gzip" with the upip consequence spelled out', () => {
    const report = inspectArchive(buildWheel({ name: 'w', version: '1', files: { 'w.py': '' } }));
    expect(report.kind).toBe('zip');
    expect(report.problem?.kind).toBe('not-gzip');
    expect(report.problem?.message).toMatch(/zip archive \(a wheel\?\).*compression header/);
  });

  it('a plain tar and an empty file are named as such', async () => {
    expect(inspectArchive(await packTar([{ name: 'a/b', data: new Uint8Array(1) }])).kind).toBe('tar');
    expect(inspectArchive(new Uint8Array(0)).problem?.kind).toBe('empty');
  });

  it('a truncated archive reports truncation and the members decodable before the cut', async () => {
    const gz = await buildSdist({ ...spec, windowBits: 15, setupPy: false }, content);
    const report = inspectArchive(gz.subarray(0, gz.length - 200));
    expect(report.problem?.kind).toBe('truncated');
    expect(report.members.length).toBeGreaterThan(0);
  });

  it('a corrupted CRC is a checksum problem', async () => {
    const gz = (await buildSdist({ ...spec, windowBits: 15 }, content)).slice();
    gz[gz.length - 8]! ^= 1;
    const report = inspectArchive(gz);
    expect(report.problem?.kind).toBe('checksum');
    expect(report.crcOk).toBe(false);
  });
});
