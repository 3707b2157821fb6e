import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Heap, parseHeapSize, poolBytes } from '../../src/device/heap.ts';
import { PyException } from '../../src/py/PyException.ts';
import { binaryFor, skipNote } from '../support/realBinaries.ts';
import { makeDevice } from './makeDevice.ts';

const unix = (heapBytes: number) => ({ heapBytes, wordBytes: 8 as const, startMisalignment: 16 });

// Pools (mem_free + mem_alloc) measured with -X heapsize on unix x64 binaries.
describe('pool size: heap minus allocation tables, 16-byte blocks on 32-bit, 32-byte on 64-bit', () => {
  it('reproduces the measured unix x64 pools', () => {
    const measured: Array<[string, number]> = [
      ['16K', 16128], ['32K', 32256], ['40K', 40448], ['48K', 48512], ['64K', 64640], ['2M', 2072832],
    ];
    for (const [size, pool] of measured) expect(poolBytes(unix(parseHeapSize(size)))).toBe(pool);
  });
  it('32-bit ports: 16-byte blocks, about heap × 512/524', () => {
    const pool = poolBytes({ heapBytes: 64 * 1024, wordBytes: 4 });
    expect(pool % 16).toBe(0);
    expect(Math.abs(pool - (64 * 1024 * 512) / 524)).toBeLessThan(64);
  });
  it('device defaults: unix 2 MiB heap → 2 072 832-byte pool; spec.heap overrides', () => {
    expect(makeDevice({ port: 'unix' }).heapPool).toBe(2072832);
    expect(makeDevice({ port: 'unix', heap: '64K' }).heapPool).toBe(64640);
    expect(makeDevice({ port: 'esp32', version: '1.20.0' }).heap.blockSize).toBe(16);
  });
});

describe('allocation', () => {
  it('rounds up to whole blocks; mem_free + mem_alloc is the pool', () => {
    const h = new Heap(unix(64 * 1024));
    h.allocate(1);
    h.allocate(33);
    expect(h.memAlloc()).toBe(32 + 64);
    expect(h.memFree() + h.memAlloc()).toBe(h.pool);
  });
  it('a 32 KiB window cannot fit a 32K heap: MemoryError with the requested size', () => {
    const h = new Heap(unix(32 * 1024));
    let err: unknown;
    try {
      h.allocate(32768);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PyException);
    expect((err as PyException).line).toBe('MemoryError: memory allocation failed, allocating 32768 bytes');
  });
  it('48K and 64K heaps hold a 32 KiB window; a 4 KiB window fits 16K', () => {
    expect(makeDevice({ heap: '48K' }).heap.tryAllocate(32768 + 1344)).toBeDefined();
    expect(makeDevice({ heap: '64K' }).heap.tryAllocate(32768 + 1344)).toBeDefined();
    expect(makeDevice({ heap: '16K' }).heap.tryAllocate(4096 + 1344)).toBeDefined();
    expect(makeDevice({ heap: '16K' }).heap.tryAllocate(32768 + 1344)).toBeUndefined();
  });
  it('fragmentation: plenty free in total, but no contiguous run', () => {
    const h = new Heap(unix(64 * 1024));
    // fill the pool with 200-byte objects, then free every other one
    const handles: number[] = [];
    for (let x = h.tryAllocate(200); x !== undefined; x = h.tryAllocate(200)) handles.push(x);
    handles.forEach((handle, i) => i % 2 === 0 && h.free(handle));
    expect(h.memFree()).toBeGreaterThan(16 * 1024);
    expect(h.largestFree()).toBeLessThan(16 * 1024);
    expect(() => h.allocate(16 * 1024)).toThrow('memory allocation failed, allocating 16384 bytes');
  });
  it('freeing merges neighbours back into one run', () => {
    const h = new Heap(unix(64 * 1024));
    const a = h.allocate(1000);
    const b = h.allocate(1000);
    const c = h.allocate(1000);
    h.free(b);
    h.free(a);
    h.free(c);
    expect(h.largestFree()).toBe(h.pool);
  });
  it('first fit: a freed hole at the bottom is reused before fresh space', () => {
    const h = new Heap(unix(64 * 1024));
    const a = h.allocate(64);
    h.allocate(64);
    h.free(a);
    h.allocate(32);
    expect(h.largestFree()).toBe(h.pool - 3 * 32 - 32);
  });
  it('split-heap-auto ports grow instead of failing (wasm ≥1.23)', () => {
    const dev = makeDevice({ port: 'webassembly', version: '1.27.0', heap: 16 * 1024 });
    expect(dev.heap.tryAllocate(32768)).toBeDefined();
  });
  it('the unix device starts with the interpreter baseline in use (992 bytes after gc.collect)', () => {
    expect(makeDevice({ port: 'unix', version: '1.27.0', heap: '40K' }).heap.memAlloc()).toBe(992);
  });
});

describe('-X heapsize grammar', () => {
  it('accepts decimal, hex, octal, K/M in either case, and w before the unit', () => {
    expect(parseHeapSize('65536')).toBe(65536);
    expect(parseHeapSize('64K')).toBe(65536);
    expect(parseHeapSize('64k')).toBe(65536);
    expect(parseHeapSize('2M')).toBe(2 * 1024 * 1024);
    expect(parseHeapSize('0x8000')).toBe(32768);
    expect(parseHeapSize('010000')).toBe(4096);
    expect(parseHeapSize('64wK')).toBe(131072);
    expect(parseHeapSize('64wK', 4)).toBe(65536);
    expect(parseHeapSize(4096)).toBe(4096);
  });
  it('rejects trailing junk, the unit before w, and anything under 700 bytes', () => {
    for (const bad of ['64KB', '64Kw', 'K', '', '600', '0x', '1G', 699]) expect(() => parseHeapSize(bad)).toThrow();
  });
});

const BIN = binaryFor('1.27.0');
describe.skipIf(!BIN)(`pool formula against the real 1.27 binary${skipNote('1.27.0')}`, () => {
  it('matches mem_free + mem_alloc for a sweep of heap sizes', () => {
    const checked: string[] = [];
    for (const size of ['4096', '10000', '20000', '100000', '1M', '64wK', '0x8000', '010000', '777']) {
      const run = spawnSync(BIN!.path, ['-X', `heapsize=${size}`, '-c', 'import gc;print(gc.mem_free()+gc.mem_alloc())'], { encoding: 'utf8' });
      if (run.status !== 0) {
        // Only a heap too small to start the interpreter may fail; any other failure is the binary's or ours.
        expect(parseHeapSize(size), `${size}: ${run.error?.message ?? run.stderr}`).toBeLessThan(1024);
        continue;
      }
      expect(poolBytes(unix(parseHeapSize(size))), size).toBe(Number(run.stdout.trim()));
      checked.push(size);
    }
    expect(checked).toHaveLength(8);
  });
});
