import { UsageError } from './UsageError.ts';
import type { ShardSpec } from '../shard/RunInfo.ts';

/**
 * `--shard i/n`: which of n parts of the run this one is. Anything else is a usage error (one
 * line naming the value and the form expected, exit 2).
 *
 * @example
 * parseShard('2/4'); // { index: 2, total: 4 }
 * parseShard('5/4'); // throws UsageError: --shard takes i/n with 1 ≤ i ≤ n, e.g. 2/4; got "5/4"
 */
export function parseShard(value: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(total) || index < 1 || index > total) {
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, e.g. 2/4; got ${JSON.stringify(value)}`);
  }
  return { index, total };
}
