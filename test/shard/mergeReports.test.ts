// merge puts shards back in single-run order, and refuses (one line: file, what differs, what to
// do) anything that is not a complete set of shards of one run.
import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../harness/merge/mergeReports.ts';
import { MergeError } from '../../harness/merge/MergeError.ts';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import { scenarioId, type RunInfo } from '../../harness/shard/RunInfo.ts';

const SCENARIOS = [
  { file: 'scenarios/a.yaml', name: 'a' },
  { file: 'scenarios/b.yaml', name: 'b' },
  { file: 'scenarios/c.yaml', name: 'c' },
];
const IDS = SCENARIOS.map((s) => scenarioId(s.file, s.name));

function result(s: { file: string; name: string }, backend: string, status: ScenarioResult['status'] = 'pass'): ScenarioResult {
  return {
    scenario: { ...s, tags: [] },
    backend,
    runtime: { version: '1.22.2', mpy: 6 },
    installer: null,
    status,
    reason: status === 'pass' ? '' : 'why',
    outcome: 'none',
    exitCode: null,
    checks: [],
    requests: [],
    files: {},
    output: [],
    imports: {},
    decompress: {},
    findings: [],
    durationMs: 1,
  };
}

/** A report as `run --reporter json` writes it: the given pairs of the run on `backends`. */
function report(backends: string[], pairs: Array<[number, string]>, shard?: RunInfo['shard'], wallMs = 100): unknown {
  const run: RunInfo = { backends, scenarios: IDS, ...(shard ? { shard } : {}) };
  return { miprig: 1, summary: { passed: pairs.length, failed: 0, errors: 0, skipped: 0, wallMs, line: '…' }, run, results: pairs.map(([i, b]) => result(SCENARIOS[i]!, b)) };
}

const order = (rs: ScenarioResult[]): string[] => rs.map((r) => `${r.backend} ${r.scenario.name}`);

/** The MergeError message mergeReports throws for these reports. */
function refusal(reports: Array<{ file: string; report: unknown }>): string {
  try {
    mergeReports(reports);
  } catch (err) {
    expect(err).toBeInstanceOf(MergeError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('mergeReports accepted the reports');
}

describe('mergeReports', () => {
  it('orders results as one run does (backend order, then scenario order), drops run.shard, takes the slowest wall time', () => {
    const backends = ['virtual', 'vm'];
    const merged = mergeReports([
      { file: 's2.json', report: report(backends, [[0, 'virtual'], [2, 'vm']], { index: 2, total: 3 }, 300) },
      { file: 's1.json', report: report(backends, [[2, 'virtual'], [1, 'vm']], { index: 1, total: 3 }, 500) },
      { file: 's3.json', report: report(backends, [[1, 'virtual'], [0, 'vm']], { index: 3, total: 3 }, 200) },
    ]);
    expect(order(merged.results)).toEqual(['virtual a', 'virtual b', 'virtual c', 'vm a', 'vm b', 'vm c']);
    expect(merged.run).toEqual({ backends, scenarios: IDS });
    expect(merged.wallMs).toBe(500);
  });

  it('takes a shard with no pairs, and a whole report as shard 1/1', () => {
    const all: Array<[number, string]> = [[0, 'virtual'], [1, 'virtual'], [2, 'virtual']];
    const merged = mergeReports([
      { file: 's1.json', report: report(['virtual'], all, { index: 1, total: 2 }) },
      { file: 's2.json', report: report(['virtual'], [], { index: 2, total: 2 }) },
    ]);
    expect(order(merged.results)).toEqual(['virtual a', 'virtual b', 'virtual c']);
    expect(order(mergeReports([{ file: 'whole.json', report: report(['virtual'], all) }]).results)).toEqual(order(merged.results));
  });

  it("merges the shards of several runs whose backends differ (one per binary): each complete, in the order of the files given", () => {
    const merged = mergeReports([
      { file: 'b-1.json', report: report(['unix:1.27.0'], [[1, 'unix:1.27.0']], { index: 1, total: 2 }) },
      { file: 'a-2.json', report: report(['unix:1.22.2'], [[0, 'unix:1.22.2'], [2, 'unix:1.22.2']], { index: 2, total: 2 }) },
      { file: 'b-2.json', report: report(['unix:1.27.0'], [[2, 'unix:1.27.0'], [0, 'unix:1.27.0']], { index: 2, total: 2 }) },
      { file: 'a-1.json', report: report(['unix:1.22.2'], [[1, 'unix:1.22.2']], { index: 1, total: 2 }) },
    ]);
    expect(order(merged.results)).toEqual(['unix:1.27.0 a', 'unix:1.27.0 b', 'unix:1.27.0 c', 'unix:1.22.2 a', 'unix:1.22.2 b', 'unix:1.22.2 c']);
    expect(merged.run.backends).toEqual(['unix:1.27.0', 'unix:1.22.2']);
  });

  it('refuses a file that is not a miprig report, or one written before reports recorded their run', () => {
    expect(refusal([{ file: 'x.json', report: { hello: 1 } }])).toMatch(/^x\.json: not a miprig JSON report/);
    expect(refusal([{ file: 'x.json', report: [1, 2] }])).toMatch(/^x\.json: not a miprig JSON report/);
    expect(refusal([{ file: 'x.json', report: { miprig: 2, results: [] } }])).toMatch(/^x\.json: report layout 2, this miprig reads layout 1/);
    expect(refusal([{ file: 'old.json', report: { miprig: 1, summary: {}, results: [] } }])).toMatch(/^old\.json: the report has no "run" field .*run it again with this miprig/);
    const broken = report(['virtual'], [[0, 'virtual']]) as { results: unknown[] };
    broken.results.push({ scenario: 'a' });
    expect(refusal([{ file: 'cut.json', report: broken }])).toMatch(/^cut\.json: results\[1\] is not a scenario result/);
    expect(refusal([{ file: 'bad.json', report: { ...(report(['virtual'], []) as object), run: { backends: ['virtual'], scenarios: IDS, shard: { index: 3, total: 2 } } } }])).toMatch(
      /^bad\.json: "run\.shard" must be \{ index, total \} with 1 ≤ index ≤ total/,
    );
    expect(refusal([])).toMatch(/merge needs the JSON reports/);
  });

  it('refuses shards of runs with another scenario selection, naming both files', () => {
    const other = { ...(report(['virtual'], [], { index: 2, total: 2 }) as object), run: { backends: ['virtual'], scenarios: IDS.slice(0, 2), shard: { index: 2, total: 2 } } };
    expect(refusal([{ file: 's1.json', report: report(['virtual'], [], { index: 1, total: 2 }) }, { file: 's2.json', report: other }])).toBe(
      `s2.json ran another scenario selection than s1.json (2 scenarios against 3; first difference at #3: "(none)" instead of "scenarios/c.yaml#c"): merge only shards of runs with the same paths and --filter`,
    );
  });

  it('refuses shards of one run split into different numbers of shards', () => {
    expect(
      refusal([
        { file: 's1.json', report: report(['virtual'], [], { index: 1, total: 2 }) },
        { file: 't2.json', report: report(['virtual'], [], { index: 2, total: 3 }) },
      ]),
    ).toMatch(/^t2\.json is shard 2\/3 but s1\.json is shard 1\/2 of a run on the same backends virtual: merge the shards of one split only/);
  });

  it('refuses a shard given twice, or two reports of one shard', () => {
    const s1 = report(['virtual'], [], { index: 1, total: 2 });
    expect(refusal([{ file: 's1.json', report: s1 }, { file: 's1.json', report: s1 }])).toBe("s1.json is given twice: pass each shard's report once");
    expect(refusal([{ file: 's1.json', report: s1 }, { file: 'old/s1.json', report: s1 }])).toMatch(/^s1\.json and old\/s1\.json are both shard 1\/2 of the run on backends virtual: pass each shard's report once/);
  });

  it('refuses an incomplete set of shards, naming the missing one and the files given', () => {
    expect(refusal([{ file: 's1.json', report: report(['virtual'], [], { index: 1, total: 3 }) }, { file: 's3.json', report: report(['virtual'], [], { index: 3, total: 3 }) }])).toBe(
      "shard 2/3 of the run on backends virtual is missing (given: 1/3 s1.json, 3/3 s3.json): pass every shard's report, and re-run the job of shard 2 if it wrote none",
    );
  });

  it('refuses runs that share a backend (it would be reported twice)', () => {
    expect(
      refusal([
        { file: 'a.json', report: report(['virtual', 'unix:1.22.2'], []) },
        { file: 'b.json', report: report(['virtual', 'unix:1.27.0'], []) },
      ]),
    ).toMatch(/^a\.json and b\.json both hold backend virtual \(runs on backends virtual, unix:1\.22\.2 and on backends virtual, unix:1\.27\.0\): .*run that backend in one job only, or merge each run's shards separately$/);
  });

  it('refuses shards that were split differently: a pair in no shard, or in two', () => {
    const missing = refusal([
      { file: 's1.json', report: report(['virtual'], [[0, 'virtual']], { index: 1, total: 2 }) },
      { file: 's2.json', report: report(['virtual'], [[1, 'virtual']], { index: 2, total: 2 }) },
    ]);
    expect(missing).toMatch(/^no shard of the run on backends virtual \(s1\.json, s2\.json\) holds "scenarios\/c\.yaml#c" on virtual: the shards were split differently/);
    const twice = refusal([
      { file: 's1.json', report: report(['virtual'], [[0, 'virtual'], [1, 'virtual']], { index: 1, total: 2 }) },
      { file: 's2.json', report: report(['virtual'], [[1, 'virtual'], [2, 'virtual']], { index: 2, total: 2 }) },
    ]);
    expect(twice).toMatch(/^s2\.json holds "scenarios\/b\.yaml#b" on virtual which another shard of the run holds too/);
  });

  it('refuses a result its run does not list', () => {
    expect(refusal([{ file: 'r.json', report: report(['virtual'], [[0, 'virtual'], [1, 'virtual'], [2, 'virtual'], [0, 'vm']]) }])).toMatch(
      /^r\.json holds a result of "scenarios\/a\.yaml#a" on vm, which its "run" does not list/,
    );
  });
});
