/**
 * Throughput of the bounded-window decoder against pako's `ungzip` on the same ~10 MiB gzip
 * (text-like data, pako level 6). Target: ratio ≥ 0.5. Prints nothing; `bench/run.ts` reports.
 */
import * as pako from 'pako';
import { inflateBounded } from '../src/archive/boundedInflate.ts';
import { textLikeBytes } from '../src/archive/seededBytes.ts';

const SIZE = 10 * 1024 * 1024;
const MIN_RUNS = 5;
const MIN_MILLIS = 1500;

/** Best MB/s (10^6 bytes of output per second) over repeated runs of `fn`. */
function bestThroughput(outputBytes: number, fn: () => void): number {
  fn(); // warm-up (JIT)
  let best = Infinity;
  let runs = 0;
  const started = performance.now();
  while (runs < MIN_RUNS || performance.now() - started < MIN_MILLIS) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
    runs++;
  }
  return outputBytes / 1e6 / (best / 1000);
}

/**
 * @example
 * const figures = await benchInflate();
 * // [{ name: 'inflate: pako ungzip', value: 180, unit: 'MB/s' }, ..., { name: 'inflate: bounded / pako', value: 0.9, unit: 'ratio' }]
 */
export async function benchInflate(): Promise<{ name: string; value: number; unit: string }[]> {
  const data = textLikeBytes(SIZE, 42);
  const gz = pako.gzip(data, { level: 6 });

  const check = inflateBounded(gz, { format: 'gzip', windowBits: 15 });
  if (!check.ok || check.output.length !== data.length) {
    throw new Error(`bounded inflate failed on the bench data: ${check.failure?.message ?? 'length mismatch'}`);
  }

  const pakoMBs = bestThroughput(data.length, () => {
    pako.ungzip(gz);
  });
  const boundedMBs = bestThroughput(data.length, () => {
    inflateBounded(gz, { format: 'gzip', windowBits: 15 });
  });
  // A 12-bit stream (what sdist_upip made) through a 4 KiB window, as upip on a small board.
  const gz12 = pako.gzip(data, { level: 6, windowBits: 12 });
  const window4kMBs = bestThroughput(data.length, () => {
    inflateBounded(gz12, { format: 'gzip', windowBits: 12 });
  });
  return [
    { name: 'inflate: pako ungzip', value: round(pakoMBs), unit: 'MB/s' },
    { name: 'inflate: bounded (32 KiB window)', value: round(boundedMBs), unit: 'MB/s' },
    { name: 'inflate: bounded (4 KiB window, 12-bit stream)', value: round(window4kMBs), unit: 'MB/s' },
    { name: 'inflate: compressed size', value: gz.length, unit: 'bytes' },
    { name: 'inflate: bounded / pako', value: Math.round((boundedMBs / pakoMBs) * 100) / 100, unit: 'ratio' },
  ];
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
