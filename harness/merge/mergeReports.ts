import { MergeError } from './MergeError.ts';
import type { ScenarioResult } from '../ScenarioResult.ts';
import { scenarioId, type RunInfo } from '../shard/RunInfo.ts';
import { asShardReport, type ShardReport } from './shardReport.ts';

/** The report of the whole run the shards were cut from (format it with jsonReport or junitReport). */
export interface MergedReport {
  results: ScenarioResult[];
  /** The whole run's backends and selection; no `shard`. */
  run: RunInfo;
  /** The slowest shard's wall time (see mergeReports), or undefined when no shard recorded one. */
  wallMs: number | undefined;
}

/** The shards of one run: same backends, same selection, same number of shards. */
interface Group {
  backends: string[];
  shards: ShardReport[];
}

/**
 * Join the JSON reports of `miprig run --shard i/n` into the report one run with the same
 * arguments would have written: results in that run's order (backend by backend, scenarios in
 * load order), `run` without `shard`. Timing is the only difference: each result keeps its own
 * `durationMs`, and the wall time is the slowest shard's.
 *
 * Reports whose backends differ (shards of one matrix job per binary) are each a run of their
 * own: they are grouped by backend list, every group must be a complete set of shards, and the
 * groups follow one another in the order their first file was given — what one run over all the
 * binaries with `--backend unix` reports. All reports must share one scenario selection, and no
 * backend may be in two groups (it would be reported twice). Anything that does not fit is one
 * line naming the file, what differs and what to do (a MergeError).
 *
 * @example
 * const merged = mergeReports([{ file: 'r1.json', report: r1 }, { file: 'r2.json', report: r2 }]);
 * const text = jsonReport(merged.results, { run: merged.run }, merged.wallMs);
 */
export function mergeReports(reports: ReadonlyArray<{ file: string; report: unknown }>): MergedReport {
  if (reports.length === 0) throw new MergeError('merge needs the JSON reports of the shards: pass every shard\'s file');
  const shards = reports.map((r) => asShardReport(r.file, r.report));
  const first = shards[0]!;
  for (const s of shards.slice(1)) assertSameSelection(s, first);
  const groups = groupByBackends(shards);
  assertNoSharedBackend(groups);
  const results: ScenarioResult[] = [];
  for (const g of groups) {
    assertCompleteSplit(g);
    results.push(...runOrder(g, first.run.scenarios));
  }
  // Shards run side by side (one CI job each), so the run took as long as its slowest shard; the
  // sum would be machine time, which the summary's "in scenarios" figure already gives.
  const walls = shards.map((s) => s.wallMs).filter((w): w is number => w !== undefined);
  return {
    results,
    run: { backends: groups.flatMap((g) => g.backends), scenarios: [...first.run.scenarios] },
    wallMs: walls.length ? Math.max(...walls) : undefined,
  };
}

function assertSameSelection(s: ShardReport, first: ShardReport): void {
  const a = first.run.scenarios;
  const b = s.run.scenarios;
  if (a.length === b.length && a.every((id, i) => id === b[i])) return;
  const at = a.findIndex((id, i) => id !== b[i]);
  const where = at === -1 ? `it has ${b.length - a.length} more` : `first difference at #${at + 1}: ${JSON.stringify(b[at] ?? '(none)')} instead of ${JSON.stringify(a[at])}`;
  throw new MergeError(
    `${s.file} ran another scenario selection than ${first.file} (${b.length} scenarios against ${a.length}; ${where}): merge only shards of runs with the same paths and --filter`,
  );
}

function groupByBackends(shards: readonly ShardReport[]): Group[] {
  const groups = new Map<string, Group>();
  for (const s of shards) {
    const key = JSON.stringify(s.run.backends);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { backends: s.run.backends, shards: [] }));
    g.shards.push(s);
  }
  return [...groups.values()];
}

const backendList = (backends: readonly string[]): string => (backends.length ? `backends ${backends.join(', ')}` : 'no backend');

function assertNoSharedBackend(groups: readonly Group[]): void {
  const owner = new Map<string, Group>();
  for (const g of groups) {
    for (const name of new Set(g.backends)) {
      const other = owner.get(name);
      if (other) {
        throw new MergeError(
          `${other.shards[0]!.file} and ${g.shards[0]!.file} both hold backend ${name} (runs on ${backendList(other.backends)} and on ${backendList(g.backends)}): ` +
            'merged, its results would be there twice; run that backend in one job only, or merge each run\'s shards separately',
        );
      }
      owner.set(name, g);
    }
  }
}

/** One split: every report of the group says the same total, and each index 1..total is there once. */
function assertCompleteSplit(g: Group): void {
  const head = g.shards[0]!;
  const total = head.shard.total;
  const byIndex = new Map<number, ShardReport>();
  for (const s of g.shards) {
    if (s.shard.total !== total) {
      throw new MergeError(
        `${s.file} is shard ${s.shard.index}/${s.shard.total} but ${head.file} is shard ${head.shard.index}/${total} of a run on the same ${backendList(g.backends)}: ` +
          'merge the shards of one split only (the same --shard …/n in every job)',
      );
    }
    const twin = byIndex.get(s.shard.index);
    if (twin) {
      throw new MergeError(
        twin.file === s.file
          ? `${s.file} is given twice: pass each shard's report once`
          : `${twin.file} and ${s.file} are both shard ${s.shard.index}/${total} of the run on ${backendList(g.backends)}: pass each shard's report once (an old report left in the folder?)`,
      );
    }
    byIndex.set(s.shard.index, s);
  }
  for (let i = 1; i <= total; i++) {
    if (!byIndex.has(i)) {
      const given = [...byIndex.values()].sort((x, y) => x.shard.index - y.shard.index).map((s) => `${s.shard.index}/${total} ${s.file}`);
      throw new MergeError(
        `shard ${i}/${total} of the run on ${backendList(g.backends)} is missing (given: ${given.join(', ')}): pass every shard's report, and re-run the job of shard ${i} if it wrote none`,
      );
    }
  }
}

/**
 * The group's results as one run orders them: for each backend, each scenario. Every pair of the
 * run must be in exactly one shard; a missing or doubled pair means the shards were split
 * differently (another miprig, other binaries or VMs installed) and cannot be trusted together.
 */
function runOrder(g: Group, scenarios: readonly string[]): ScenarioResult[] {
  const known = new Set(scenarios);
  const backends = new Set(g.backends);
  // A queue per pair: two backends of one name (one binary given twice) give two results of it.
  const byPair = new Map<string, Array<{ result: ScenarioResult; file: string }>>();
  const key = (backend: string, id: string): string => JSON.stringify([backend, id]);
  for (const s of [...g.shards].sort((x, y) => x.shard.index - y.shard.index)) {
    for (const r of s.results) {
      const id = scenarioId(r.scenario.file, r.scenario.name);
      if (!backends.has(r.backend) || !known.has(id)) {
        throw new MergeError(
          `${s.file} holds a result of ${JSON.stringify(id)} on ${r.backend}, which its "run" does not list: the report was edited or mixed with another; use the file miprig wrote`,
        );
      }
      const k = key(r.backend, id);
      byPair.set(k, [...(byPair.get(k) ?? []), { result: r, file: s.file }]);
    }
  }
  const out: ScenarioResult[] = [];
  for (const backend of g.backends) {
    for (const id of scenarios) {
      const next = byPair.get(key(backend, id))?.shift();
      if (!next) {
        throw new MergeError(
          `no shard of the run on ${backendList(g.backends)} (${g.shards.map((s) => s.file).join(', ')}) holds ${JSON.stringify(id)} on ${backend}: ` +
            'the shards were split differently (run every shard with the same miprig, arguments, binaries and installed VMs); re-run them',
        );
      }
      out.push(next.result);
    }
  }
  for (const [k, rest] of byPair) {
    if (rest.length) {
      const [backend, id] = JSON.parse(k) as [string, string];
      throw new MergeError(
        `${rest[0]!.file} holds ${JSON.stringify(id)} on ${backend} which another shard of the run holds too: the shards were split differently ` +
          '(run every shard with the same miprig, arguments, binaries and installed VMs); re-run them',
      );
    }
  }
  return out;
}
