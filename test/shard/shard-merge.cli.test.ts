// THE proof: shards merged by `miprig merge` are the report of one whole run with the same
// arguments, timing aside — through the real CLI, on the shipped corpus.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { jsonReport } from '../../harness/reporters/jsonReporter.ts';
import { junitReport } from '../../harness/reporters/junitReporter.ts';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import type { RunInfo } from '../../harness/shard/RunInfo.ts';
import { installedVms } from '../../harness/vm/vmPackages.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { miprig } from '../support/miprigCli.ts';
import { NEEDS_ANY_BINARY, binaryPaths } from '../support/realBinaries.ts';

const ROOT = resolve(import.meta.dirname, '../..');

interface Report {
  miprig: number;
  summary: { passed: number; failed: number; errors: number; skipped: number; wallMs?: number; line: string };
  run: RunInfo;
  results: ScenarioResult[];
}

/** Run `miprig run ARGS --reporter json --out FILE` and read the report; the run must exit 0. */
async function runJson(args: string[], out: string): Promise<Report> {
  const r = await miprig(['run', ...args, '--reporter', 'json', '--out', out]);
  expect(r.code, `miprig run ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return readJson(out);
}

async function readJson(file: string): Promise<Report> {
  return JSON.parse(await readFile(file, 'utf8')) as Report;
}

/** `miprig merge FILES --out OUT` (exit 0), read back. */
async function mergeJson(files: string[], out: string): Promise<Report> {
  const r = await miprig(['merge', ...files, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return readJson(out);
}

/** The report with its timing fields only taken out: wall time, each duration, the summary line's times. */
function untimed(report: Report): unknown {
  const r = structuredClone(report);
  delete r.summary.wallMs;
  r.summary.line = r.summary.line.replace(/ \((?:wall [\d.]+ m?s; )?[\d.]+ m?s(?: in scenarios)?\)$/, '');
  for (const x of r.results) delete (x as Partial<ScenarioResult>).durationMs;
  return r;
}

/** JUnit with its `time` attributes blanked (they come from durations). */
const untimedXml = (xml: string): string => xml.replace(/ time="[\d.]+"/g, ' time=""');

/** A whole run, and the same run as `total` shards, all at once (each its own CLI process); then the shards merged by the CLI. */
async function fullAndMerged(dir: string, tag: string, args: string[], total: number): Promise<{ full: Report; shards: Report[]; merged: Report; files: string[] }> {
  const files = Array.from({ length: total }, (_, i) => join(dir, `${tag}-${i + 1}.json`));
  const [full, ...shards] = await Promise.all([
    runJson(args, join(dir, `${tag}-full.json`)),
    ...files.map((f, i) => runJson([...args, '--shard', `${i + 1}/${total}`], f)),
  ]);
  const merged = await mergeJson(files, join(dir, `${tag}-merged.json`));
  return { full: full!, shards, merged, files };
}

/** Shards of a run in this process (no start-up to pay), for runs that only feed another test. */
async function shardsInProcess(dir: string, tag: string, args: string[], total: number): Promise<string[]> {
  const files = Array.from({ length: total }, (_, i) => join(dir, `${tag}-${i + 1}.json`));
  for (const [i, out] of files.entries()) {
    const { result, stderr } = await captureOutput(() => main(['run', ...args, '--shard', `${i + 1}/${total}`, '--reporter', 'json', '--out', out]));
    expect(result, stderr).toBe(0);
  }
  return files;
}

/** `miprig merge ARGS` in this process: exit status and stdout. */
async function mergeInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { result, stdout, stderr } = await captureOutput(() => main(['merge', ...args]));
  return { code: result, stdout, stderr };
}

/** Each shard ran a part of the pairs, the parts together are all of them once, and each knows the whole run. */
function expectSharded(full: Report, shards: Report[]): void {
  const pair = (r: ScenarioResult): string => `${r.backend}|${r.scenario.file}#${r.scenario.name}`;
  const all = shards.flatMap((s) => s.results.map(pair));
  expect(all.sort()).toEqual(full.results.map(pair).sort());
  shards.forEach((s, i) => {
    expect(s.run).toEqual({ ...full.run, shard: { index: i + 1, total: shards.length } });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'miprig-shard-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('miprig run --shard, then miprig merge: the report of one whole run', () => {
  let virtual: Awaited<ReturnType<typeof fullAndMerged>>;
  beforeAll(async () => {
    virtual = await fullAndMerged(dir, 'virtual', ['scenarios', '--backend', 'virtual'], 2);
  }, 120_000);

  it('on the shipped corpus, --backend virtual in two shards: deep-equal apart from timing', () => {
    const { full, shards, merged } = virtual;
    expect(full.results.length).toBeGreaterThan(50);
    expect(full.run.shard).toBeUndefined();
    expect(full.run.backends).toEqual(['virtual']);
    expect(full.run.scenarios).toHaveLength(full.results.length);
    expectSharded(full, shards);
    for (const s of shards) expect(s.results.length).toBeGreaterThan(0);
    expect(untimed(merged)).toEqual(untimed(full));
    // The slowest shard's wall time.
    expect(merged.summary.wallMs).toBe(Math.max(...shards.map((s) => s.summary.wallMs!)));
  });

  it('gives the JUnit of the whole run with --reporter junit', async () => {
    const r = await mergeInProcess([...virtual.files, '--reporter', 'junit']);
    expect(r.code, r.stderr).toBe(0);
    expect(untimedXml(r.stdout)).toBe(untimedXml(junitReport(virtual.full.results)));
  });

  it('gives the pretty report with --reporter pretty', async () => {
    const r = await mergeInProcess([...virtual.files, '--reporter', 'pretty']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`\\n${virtual.full.results.length} passed, 0 failed \\(wall `));
  });

  it("merges the shards of two runs on different backends (one per binary, simulated by renaming one run's backend), each run in its single-run order, runs in the order of the files given", async () => {
    const renamed = async (file: string): Promise<string> => {
      const r = await readJson(file);
      r.run.backends = r.run.backends.map((b) => `${b}-other`);
      for (const x of r.results) x.backend = `${x.backend}-other`;
      const out = file.replace(/\.json$/, '-other.json');
      await writeFile(out, JSON.stringify(r));
      return out;
    };
    const other = await Promise.all(virtual.files.map(renamed));
    // Interleaved and out of order: the groups come out in the order of their first file.
    const r = await mergeInProcess([other[1]!, virtual.files[0]!, other[0]!, virtual.files[1]!]);
    expect(r.code, r.stderr).toBe(0);
    const merged = JSON.parse(r.stdout) as Report;
    const { full } = virtual;
    const otherResults = full.results.map((r) => ({ ...r, backend: `${r.backend}-other` }));
    const expected = JSON.parse(
      jsonReport([...otherResults, ...full.results], { run: { backends: ['virtual-other', 'virtual'], scenarios: full.run.scenarios } }, merged.summary.wallMs),
    ) as Report;
    expect(untimed(merged)).toEqual(untimed(expected));
  });

  it.skipIf(installedVms().length === 0)(
    `on --backend vm (a few scenarios, many skipped without --installer-src) in two shards, and merged with a virtual run's shards as a second run${installedVms().length ? '' : ' (skipped: no micropython-vm-* package installed)'}`,
    async () => {
      const filter = ['--filter', 'imports'];
      const [vm, virtualFiles] = await Promise.all([
        fullAndMerged(dir, 'vm', ['scenarios', '--backend', 'vm', ...filter], 2),
        shardsInProcess(dir, 'virtual-imports', ['scenarios', '--backend', 'virtual', ...filter], 3),
      ]);
      expect(vm.full.run.backends).toEqual(['vm']);
      expect(vm.full.results.some((r) => r.status === 'pass')).toBe(true);
      expect(vm.full.results.some((r) => r.status === 'skip')).toBe(true);
      expectSharded(vm.full, vm.shards);
      expect(untimed(vm.merged)).toEqual(untimed(vm.full));
      // Two runs, two backend lists: virtual's shards, then the VM's.
      const r = await mergeInProcess([...virtualFiles, ...vm.files]);
      expect(r.code, r.stderr).toBe(0);
      const both = JSON.parse(r.stdout) as Report;
      // The virtual run of this selection: the whole corpus's virtual results for these scenarios
      // (a scenario's result does not depend on what else ran), which the first test proved.
      const selection = new Set(vm.full.run.scenarios);
      const virtualResults = virtual.full.results.filter((x) => selection.has(`${x.scenario.file}#${x.scenario.name}`));
      expect(virtualResults).toHaveLength(selection.size);
      const expected = JSON.parse(
        jsonReport([...virtualResults, ...vm.full.results], { run: { backends: ['virtual', 'vm'], scenarios: vm.full.run.scenarios } }, both.summary.wallMs),
      ) as Report;
      expect(untimed(both)).toEqual(untimed(expected));
    },
    120_000,
  );

  it.skipIf(binaryPaths.length === 0)(`on --backend all with the real binaries of MIPRIG_MICROPYTHON (a few scenarios) in three shards${NEEDS_ANY_BINARY}`, async () => {
    const { full, shards, merged } = await fullAndMerged(dir, 'all', ['scenarios', '--backend', 'all', '--filter', 'scenarios/mip/index'], 3);
    expect(full.run.backends.some((b) => b.startsWith('unix:'))).toBe(true);
    expectSharded(full, shards);
    expect(untimed(merged)).toEqual(untimed(full));
  }, 300_000);
});

describe('miprig run --shard and miprig merge: usage errors are one line, exit 2', () => {
  it.each(['0/2', '3/2', '2', 'a/b', '1/0', '-1/2'])('--shard %s', async (value) => {
    const { result, stderr, stdout } = await captureOutput(() => main(['run', 'scenarios', '--shard', value]));
    expect(result).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`miprig: --shard takes i/n with 1 ≤ i ≤ n, e.g. 2/4; got ${JSON.stringify(value)}\n`);
  });

  it('a shard with no pairs still writes a valid report, and merges', async () => {
    // One scenario on one backend: shard 2/2 gets nothing.
    const filter = ['--filter', 'scenarios/mip/index-latest.yaml'];
    const empty = join(dir, 'empty-2.json');
    const one = join(dir, 'empty-1.json');
    for (const [shard, out] of [['1/2', one], ['2/2', empty]] as const) {
      const { result } = await captureOutput(() => main(['run', 'scenarios', ...filter, '--shard', shard, '--reporter', 'json', '--out', out]));
      expect(result).toBe(0);
    }
    const r = await readJson(empty);
    expect(r.results).toEqual([]);
    expect(r.summary).toMatchObject({ passed: 0, failed: 0, errors: 0, skipped: 0 });
    expect(r.run.scenarios).toHaveLength(1); // the whole selection, not this shard's part
    const merged = await mergeInProcess([one, empty]);
    expect(merged.code).toBe(0);
    expect((JSON.parse(merged.stdout) as Report).results).toHaveLength(1);
  });

  it('names a missing file, a file that is not JSON, a folder, and a JSON file that is no miprig report', async () => {
    const notJson = join(dir, 'pretty.txt');
    const other = join(dir, 'other.json');
    await writeFile(notJson, '95 passed, 0 failed\n');
    await writeFile(other, '{"name": "package"}');
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'nothere.json'), /: cannot read it \(no such file\): pass the JSON reports `miprig run --reporter json --out FILE` wrote$/],
      [notJson, /: not JSON \(.*\): pass the JSON reports .* not the pretty or junit ones$/],
      [dir, /: cannot read it \(a folder, not a file\)/],
      [other, /: not a miprig JSON report \(no "miprig" field\)/],
    ];
    for (const [file, message] of cases) {
      const { result, stderr, stdout } = await captureOutput(() => main(['merge', file]));
      expect(result).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.startsWith(`miprig: ${file}: `)).toBe(true);
      expect(lines[0]).toMatch(message);
    }
  });

  it('needs at least one report', async () => {
    const { result, stderr } = await captureOutput(() => main(['merge']));
    expect(result).toBe(2);
    expect(stderr).toMatch(/missing required argument/);
  });
});
