/**
 * The GC heap as an allocator sees it (py/gc.c): a region split into the
 * allocation table (2 bits/block), the finaliser table (1 bit/block), one gap byte and the pool;
 * blocks of 4 words; first-fit contiguous allocation; `MemoryError` when no run of free blocks
 * is long enough, however much is free in total.
 *
 * Not modelled: the interpreter's own objects beyond one start-up baseline block, garbage
 * collection (memory comes back only through `free`), the heap lock.
 */
import { PyException } from '../py/PyException.ts';

const BLOCKS_PER_ATB = 4;
const BLOCKS_PER_FTB = 8;
const ALLOC_TABLE_GAP_BYTE = 1;

/** Options of a heap region. */
export interface HeapOptions {
  /** Bytes handed to `gc_init` (the `-X heapsize` value on unix). */
  heapBytes: number;
  /** 8 on 64-bit unix, 4 on the MCU ports and webassembly. */
  wordBytes: 4 | 8;
  /**
   * Bytes lost when `gc_init` aligns the end down to a block: glibc's malloc returns addresses
   * ≡ 16 (mod 32), so a 64-bit unix heap of a multiple of 32 loses 16 bytes (measured). 0 for
   * static, aligned MCU heaps.
   */
  startMisalignment?: number;
  /** Split-heap-auto ports (esp32 ≥1.21, webassembly ≥1.23): a failed allocation adds an area instead of failing. */
  growable?: boolean;
  /**
   * Live bytes the interpreter itself holds after start-up, allocated at the bottom of the pool
   * (unix x64, after `gc.collect()`: 992 bytes on 1.19/1.20/1.27, 1024 on 1.22; measured).
   */
  baselineBytes?: number;
}

/** Handle of one allocation. */
export type HeapHandle = number;

/**
 * Bytes of the pool `gc_setup_area` carves out of a heap region.
 *
 * @example
 * poolBytes({ heapBytes: 64 * 1024, wordBytes: 8, startMisalignment: 16 })  // 64640 (measured, unix x64)
 */
export function poolBytes(opts: HeapOptions): number {
  const block = opts.wordBytes * 4;
  const misalign = opts.startMisalignment ?? 0;
  // gc_init: end = (start + heap) & ~(block - 1)
  const total = Math.floor((misalign + opts.heapBytes) / block) * block - misalign;
  const atbBytes = Math.floor(
    ((total - ALLOC_TABLE_GAP_BYTE) * 8) / (8 + (8 * BLOCKS_PER_ATB) / BLOCKS_PER_FTB + 8 * BLOCKS_PER_ATB * block),
  );
  return Math.max(0, atbBytes * BLOCKS_PER_ATB * block);
}

/**
 * A heap with first-fit allocation over a free list of block extents.
 *
 * @example
 * const h = new Heap({ heapBytes: 32 * 1024, wordBytes: 8, startMisalignment: 16 });
 * h.allocate(32768)  // throws MemoryError: memory allocation failed, allocating 32768 bytes
 */
export class Heap {
  readonly blockSize: number;
  private totalBlocks: number;
  /** Free extents `[start, length]` in blocks, sorted by start, never adjacent. */
  private free_: Array<[number, number]>;
  private readonly live = new Map<HeapHandle, [number, number]>();
  private nextHandle = 1;
  private usedBlocks = 0;
  private readonly growable: boolean;

  constructor(opts: HeapOptions) {
    this.blockSize = opts.wordBytes * 4;
    this.totalBlocks = poolBytes(opts) / this.blockSize;
    this.free_ = this.totalBlocks > 0 ? [[0, this.totalBlocks]] : [];
    this.growable = opts.growable ?? false;
    if (opts.baselineBytes) this.allocate(opts.baselineBytes);
  }

  /** Pool size in bytes (`gc.mem_free() + gc.mem_alloc()`). */
  get pool(): number {
    return this.totalBlocks * this.blockSize;
  }

  /**
   * Allocate `n` bytes (rounded up to whole blocks) from the first run of free blocks long enough.
   * `n == 0` allocates nothing, as `m_malloc(0)` does.
   */
  allocate(n: number): HeapHandle {
    const handle = this.tryAllocate(n);
    if (handle === undefined) {
      throw new PyException('MemoryError', `memory allocation failed, allocating ${n} bytes`);
    }
    return handle;
  }

  /** Like `allocate`, but undefined instead of MemoryError. */
  tryAllocate(n: number): HeapHandle | undefined {
    const blocks = Math.ceil(n / this.blockSize);
    let start = blocks === 0 ? 0 : this.takeFirstFit(blocks);
    if (start === undefined && this.growable) {
      this.free_.push([this.totalBlocks, blocks]);
      this.totalBlocks += blocks;
      start = this.takeFirstFit(blocks);
    }
    if (start === undefined) return undefined;
    const handle = this.nextHandle++;
    this.live.set(handle, [start, blocks]);
    this.usedBlocks += blocks;
    return handle;
  }

  /** Give an allocation back; freeing twice is a bug in the caller and throws. */
  free(handle: HeapHandle): void {
    const extent = this.live.get(handle);
    if (!extent) throw new Error(`Heap.free: handle ${handle} is not live (double free or foreign handle)`);
    this.live.delete(handle);
    this.usedBlocks -= extent[1];
    if (extent[1] > 0) this.insertFree(extent[0], extent[1]);
  }

  /** `gc.mem_free()`: all free blocks, wherever they are. */
  memFree(): number {
    return (this.totalBlocks - this.usedBlocks) * this.blockSize;
  }

  /** `gc.mem_alloc()`. */
  memAlloc(): number {
    return this.usedBlocks * this.blockSize;
  }

  /** Largest contiguous free run in bytes (`max free sz` × block size). */
  largestFree(): number {
    let best = 0;
    for (const [, len] of this.free_) if (len > best) best = len;
    return best * this.blockSize;
  }

  private takeFirstFit(blocks: number): number | undefined {
    for (let i = 0; i < this.free_.length; i++) {
      const extent = this.free_[i]!;
      if (extent[1] < blocks) continue;
      const start = extent[0];
      if (extent[1] === blocks) this.free_.splice(i, 1);
      else this.free_[i] = [start + blocks, extent[1] - blocks];
      return start;
    }
    return undefined;
  }

  private insertFree(start: number, len: number): void {
    let i = 0;
    while (i < this.free_.length && this.free_[i]![0] < start) i++;
    this.free_.splice(i, 0, [start, len]);
    // merge with the next, then with the previous extent
    const next = this.free_[i + 1];
    if (next && start + len === next[0]) {
      this.free_[i] = [start, len + next[1]];
      this.free_.splice(i + 1, 1);
    }
    const prev = this.free_[i - 1];
    const cur = this.free_[i]!;
    if (prev && prev[0] + prev[1] === cur[0]) {
      this.free_[i - 1] = [prev[0], prev[1] + cur[1]];
      this.free_.splice(i, 1);
    }
  }
}

/**
 * Parse a heap size with the unix port's `-X heapsize=<n>[w][K|M]` grammar: `strtol` base 0
 * (`0x…` hex, leading `0` octal), optional `w` (scale by word size / 4) *before* an optional
 * `K`/`M` (either case); nothing may follow; below 700 bytes is rejected. A number is taken as bytes.
 *
 * @example
 * parseHeapSize('64K')        // 65536
 * parseHeapSize('64wK', 8)    // 131072
 * parseHeapSize('010000')     // 4096 (octal)
 */
export function parseHeapSize(value: string | number, wordBytes: 4 | 8 = 8): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 700) {
      throw new Error(`heap size ${value} is invalid: the unix port needs an integer of at least 700 bytes`);
    }
    return value;
  }
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)?(.*)$/s.exec(value)!;
  const [, sign, digits, rest] = m;
  let n = 0;
  if (digits !== undefined) {
    n = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.startsWith('0') ? parseInt(digits, 8) : parseInt(digits, 10);
    if (sign === '-') n = -n;
  }
  let tail = rest ?? '';
  const wordAdjust = /^[wW]/.test(tail);
  if (wordAdjust) tail = tail.slice(1);
  if (/^[kK]/.test(tail)) {
    n *= 1024;
    tail = tail.slice(1);
  } else if (/^[mM]/.test(tail)) {
    n *= 1024 * 1024;
    tail = tail.slice(1);
  }
  if (tail !== '' || digits === undefined) {
    throw new Error(`heap size "${value}" is invalid: expected <n>[w][K|M], e.g. 64K, 2M, 0x8000 ("Invalid command line arguments")`);
  }
  if (wordAdjust) n = Math.trunc((n * wordBytes) / 4);
  if (n < 700) throw new Error(`heap size "${value}" is ${n} bytes: the unix port refuses heaps under 700 bytes`);
  return n;
}
