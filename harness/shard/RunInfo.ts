/**
 * What a JSON report records about its run so that `miprig merge` can put shards back together:
 * the run's backends (names, in run order), the full scenario selection (ids, in load order — all
 * of it, not only a shard's part), and, for a shard, which one it is. Results of one run come out
 * grouped by backend in this order, scenarios in this order within each.
 */
export interface RunInfo {
  backends: string[];
  /** `file#name` of every selected scenario (see scenarioId). */
  scenarios: string[];
  /** `--shard index/total`; absent for a whole run (and in a merged report). */
  shard?: ShardSpec;
}

/** `--shard 2/4`: `{ index: 2, total: 4 }`, 1 ≤ index ≤ total. */
export interface ShardSpec {
  index: number;
  total: number;
}

/**
 * A scenario's id in reports: its file and its name (names are unique within a run, the file
 * makes the id readable and stable across runs).
 *
 * @example
 * scenarioId('scenarios/mip/index-latest.yaml', 'index install, latest version');
 * // 'scenarios/mip/index-latest.yaml#index install, latest version'
 */
export function scenarioId(file: string, name: string): string {
  return `${file}#${name}`;
}
