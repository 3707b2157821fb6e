import { describe, expect, it } from 'vitest';
import { buildSdist, buildSdistNeedingLargeWindow } from '../../src/archive/buildSdist.ts';
import { buildWheel } from '../../src/archive/buildWheel.ts';
import { textLikeBytes } from '../../src/archive/seededBytes.ts';
import { inspectPackage } from '../../src/installers/inspectPackage.ts';
import type { FileContent } from '../../src/scenario/schema.ts';

const content = async (c: FileContent): Promise<Uint8Array> =>
  typeof c === 'string' ? new TextEncoder().encode(c) : textLikeBytes(60_000, 4);

const spec = { name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'x = 1\n', 'data.txt': { text: '' } }, requires: ['micropython-bar'] };

describe('inspectPackage (the archive plus upip\'s loop under both windows)', () => {
  it('a 4 KiB archive: upip succeeds on both heaps and queues the deps', async () => {
    const report = inspectPackage(await buildSdist({ ...spec, windowBits: 12 }, content), { heap: 32 * 1024 });
    expect(report.neededWindow).toBeLessThanOrEqual(4096);
    expect(report.upip.chosenWindowBits).toBe(12);
    expect(report.upip.smallHeap.succeeds).toBe(true);
    expect(report.upip.largeHeap.succeeds).toBe(true);
    expect(report.upip.smallHeap.deps).toEqual(['micropython-bar']);
    expect(report.upip.smallHeap.extracted.map((f) => f.path).sort()).toEqual(['data.txt', 'foo.py']);
  });

  it('a 32 KiB archive: upip fails with a 4 KiB window and says where', async () => {
    const report = inspectPackage(await buildSdist({ ...spec, windowBits: 15 }, content), { heap: 48 * 1024 });
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
    const report = inspectPackage(big, { heap: 2 * 1024 * 1024 });
    expect(report.upip.chosenWindowBits).toBe(15);
    expect(report.upip.smallHeap).toMatchObject({
      failedMember: 'micropython-big-1.0/big_blob.bin',
      failedIn: { member: 'micropython-big-1.0/big_blob.bin', part: 'data' },
      extracted: [{ path: 'big.py', complete: true }, { path: 'big_blob.bin', bytes: 8192, complete: false }],
    });
  });

  it('a wheel: upip raises ValueError: compression header', () => {
    const report = inspectPackage(buildWheel({ name: 'w', version: '1', files: { 'w.py': '' } }));
    expect(report.problem?.kind).toBe('not-gzip');
    expect(report.upip.largeHeap.errorLine).toBe('ValueError: compression header');
    expect(report.upip.largeHeap.failedIn).toBeUndefined();
  });

  it('a truncated archive: EOFError', async () => {
    const gz = await buildSdist({ ...spec, windowBits: 15, setupPy: false }, content);
    expect(inspectPackage(gz.subarray(0, gz.length - 200)).upip.largeHeap.errorLine).toBe('EOFError');
  });

  it('a corrupted CRC: upip never reads that far', async () => {
    const gz = (await buildSdist({ ...spec, windowBits: 15 }, content)).slice();
    gz[gz.length - 8]! ^= 1;
    expect(inspectPackage(gz).upip.largeHeap.succeeds).toBe(true);
  });
});
