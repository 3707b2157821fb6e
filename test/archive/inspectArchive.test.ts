import { describe, expect, it } from 'vitest';
import { buildSdist, buildSdistNeedingLargeWindow, packTar } from '../../src/archive/buildSdist.ts';
import { buildWheel } from '../../src/archive/buildWheel.ts';
import { inspectArchive } from '../../src/archive/inspectArchive.ts';
import { textLikeBytes } from '../../src/archive/seededBytes.ts';
import type { FileContent } from '../../src/scenario/schema.ts';

const content = async (c: FileContent): Promise<Uint8Array> =>
  typeof c === 'string' ? new TextEncoder().encode(c) : textLikeBytes(60_000, 4);

const spec = { name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'x = 1\n', 'data.txt': { text: '' } }, requires: ['micropython-bar'] };

describe('inspectArchive', () => {
  it('a 4 KiB archive: needs 4 KiB, upip succeeds on both heaps', async () => {
    const report = inspectArchive(await buildSdist({ ...spec, windowBits: 12 }, content), { heap: 32 * 1024 });
    expect(report.kind).toBe('gzip');
    expect(report.problem).toBeUndefined();
    expect(report.neededWindow).toBeLessThanOrEqual(4096);
    expect(report.upip.chosenWindowBits).toBe(12);
    expect(report.upip.smallHeap.succeeds).toBe(true);
    expect(report.upip.smallHeap.deps).toEqual(['micropython-bar']);
    expect(report.members.find((m) => m.name.endsWith('/foo.py'))).toMatchObject({ size: 6, type: 'file', upip: 'extract' });
    expect(report.members.find((m) => m.name.endsWith('/setup.py'))?.upip).toBe('skip');
  });

  it('a 32 KiB archive: needs 32 KiB, upip fails with a 4 KiB window and says where', async () => {
    const report = inspectArchive(await buildSdist({ ...spec, windowBits: 15 }, content), { heap: 48 * 1024 });
    expect(report.neededWindow).toBe(32768);
    expect(report.maxDistance).toBeGreaterThan(4096);
    expect(report.gzip).toMatchObject({ originalName: 'micropython-foo-1.0.tar', osName: 'unknown', flagNames: ['NAME'] });
    expect(report.upip.largeHeap.succeeds).toBe(true);
    // setuptools tar headers repeat ~5 KiB apart, so the 4 KiB window breaks on one of them.
    const small = report.upip.smallHeap;
    expect(small).toMatchObject({ succeeds: false, errorLine: 'OSError: [Errno 22] EINVAL' });
    expect(small.failedAtOffset).toBeGreaterThan(4096);
    expect(small.failedIn?.member && report.members.some((m) => m.name === small.failedIn?.member)).toBe(true);
    expect(report.upip.heap).toBe(48 * 1024);
    expect(report.upip.chosenWindowBits).toBe(12);
  });

  it('heap above 64 KiB picks the 32 KiB window; the failure location is named', async () => {
    const big = await buildSdistNeedingLargeWindow({ name: 'micropython-big', version: '1.0' });
    const report = inspectArchive(big, { heap: 2 * 1024 * 1024 });
    expect(report.upip.chosenWindowBits).toBe(15);
    expect(report.upip.smallHeap).toMatchObject({
      failedMember: 'micropython-big-1.0/big_blob.bin',
      failedIn: { member: 'micropython-big-1.0/big_blob.bin', part: 'data' },
      extracted: [{ path: 'big.py', complete: true }, { path: 'big_blob.bin', bytes: 8192, complete: false }],
    });
  });

  it('a wheel is "not gzip" with the upip consequence spelled out', () => {
    const report = inspectArchive(buildWheel({ name: 'w', version: '1', files: { 'w.py': '' } }));
    expect(report.kind).toBe('zip');
    expect(report.problem?.kind).toBe('not-gzip');
    expect(report.problem?.message).toMatch(/zip archive \(a wheel\?\).*compression header/);
    expect(report.upip.largeHeap.errorLine).toBe('ValueError: compression header');
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
    expect(report.upip.largeHeap.errorLine).toBe('EOFError');
  });

  it('a corrupted CRC is a checksum problem (upip never reads that far)', async () => {
    const gz = (await buildSdist({ ...spec, windowBits: 15 }, content)).slice();
    gz[gz.length - 8]! ^= 1;
    const report = inspectArchive(gz);
    expect(report.problem?.kind).toBe('checksum');
    expect(report.crcOk).toBe(false);
    expect(report.upip.largeHeap.succeeds).toBe(true);
  });
});
