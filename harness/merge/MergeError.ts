/**
 * Reports that cannot be merged (not shards of one run, a shard missing or given twice, not a
 * miprig report): one line naming the file, what differs and what to do. The CLI prints it and
 * exits 2, as it does a usage error.
 */
export class MergeError extends Error {
  override name = 'MergeError';
}
