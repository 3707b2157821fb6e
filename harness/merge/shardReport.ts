import { MergeError } from './MergeError.ts';
import { JSON_REPORT_VERSION } from '../reporters/jsonReporter.ts';
import type { ScenarioResult } from '../ScenarioResult.ts';
import type { RunInfo, ShardSpec } from '../shard/RunInfo.ts';

/** A JSON report read for merging: a shard, or a whole run (read as shard 1/1). */
export interface ShardReport {
  file: string;
  run: Omit<RunInfo, 'shard'>;
  shard: ShardSpec;
  wallMs: number | undefined;
  results: ScenarioResult[];
}

const STATUSES = new Set(['pass', 'fail', 'error', 'skip']);

/**
 * Check that a parsed JSON value is a miprig JSON report that records its run (`run`), and
 * give it typed. Anything else is one line naming the file and what to pass instead (a
 * MergeError, exit 2). Results are checked only as far as merging reads them.
 *
 * @example
 * const shard = asShardReport('r1.json', JSON.parse(text));
 * shard.shard; // { index: 1, total: 4 }
 */
export function asShardReport(file: string, value: unknown): ShardReport {
  const bad = (what: string): MergeError => new MergeError(`${file}: ${what}`);
  if (!isObject(value) || !('miprig' in value)) {
    throw bad('not a miprig JSON report (no "miprig" field): pass the files `miprig run --reporter json --out FILE` wrote');
  }
  if (value['miprig'] !== JSON_REPORT_VERSION) {
    throw bad(`report layout ${JSON.stringify(value['miprig'])}, this miprig reads layout ${JSON_REPORT_VERSION}: merge with the miprig that wrote it`);
  }
  const run = value['run'];
  if (run === undefined) throw bad('the report has no "run" field (a miprig before `run --shard` wrote it): run it again with this miprig');
  if (!isObject(run) || !isStringArray(run['backends']) || !isStringArray(run['scenarios'])) {
    throw bad('"run" must hold "backends" and "scenarios", lists of strings: the report was edited or cut short; use the file miprig wrote');
  }
  let shard: ShardSpec = { index: 1, total: 1 };
  if (run['shard'] !== undefined) {
    const s = run['shard'];
    const ok = isObject(s) && Number.isSafeInteger(s['index']) && Number.isSafeInteger(s['total']) && 1 <= (s['index'] as number) && (s['index'] as number) <= (s['total'] as number);
    if (!ok) throw bad(`"run.shard" must be { index, total } with 1 ≤ index ≤ total, got ${JSON.stringify(s)}: use the file miprig wrote`);
    shard = { index: s['index'] as number, total: s['total'] as number };
  }
  const results = value['results'];
  if (!Array.isArray(results)) throw bad('"results" is not a list: the report was edited or cut short; use the file miprig wrote');
  results.forEach((r, i) => {
    const ok =
      isObject(r) &&
      isObject(r['scenario']) &&
      typeof r['scenario']['name'] === 'string' &&
      typeof r['scenario']['file'] === 'string' &&
      typeof r['backend'] === 'string' &&
      typeof r['status'] === 'string' &&
      STATUSES.has(r['status']) &&
      typeof r['durationMs'] === 'number';
    if (!ok) throw bad(`results[${i}] is not a scenario result (scenario, backend, status, durationMs): the report was edited or cut short; use the file miprig wrote`);
  });
  const summary = value['summary'];
  const wallMs = isObject(summary) && typeof summary['wallMs'] === 'number' ? summary['wallMs'] : undefined;
  return { file, run: { backends: run['backends'], scenarios: run['scenarios'] }, shard, wallMs, results: results as ScenarioResult[] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
