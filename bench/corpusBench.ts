import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { findScenarioFiles } from '../harness/scenario/findScenarioFiles.ts';
import { median, round, type Figure } from './figure.ts';

const SCENARIOS = 1000;
const ROUNDS = 3;

/**
 * A 1 000-scenario corpus on the virtual device through the CLI as installed (the bundle, start-up
 * included): the shipped corpus copied until it has 1 000 scenarios (each copy's names prefixed,
 * as names must be unique), `miprig run DIR --reporter json` timed from spawn to exit, with
 * `--jobs` at the cores available and at 1 (the ratio is taken in this run), medians of
 * interleaved rounds after one warm-up (which writes the code cache). Needs `npm run build`.
 */
export async function benchCorpus(): Promise<Figure[] | string> {
  const root = resolve(import.meta.dirname, '..');
  if (!existsSync(join(root, 'dist/cli/miprig.cjs'))) return 'corpus: skipped (no dist/: run `npm run build` first)';
  const dir = mkdtempSync(join(tmpdir(), 'miprig-bench-corpus-'));
  try {
    const corpus = join(dir, 'corpus');
    const shipped = (await findScenarioFiles([join(root, 'scenarios')])).length;
    const copies = Math.ceil(SCENARIOS / shipped);
    for (let i = 1; i <= copies; i++) cpSync(join(root, 'scenarios'), join(corpus, `copy${i}`), { recursive: true });
    let files = (await findScenarioFiles([corpus])).sort();
    for (const extra of files.slice(SCENARIOS)) rmSync(extra);
    files = files.slice(0, SCENARIOS);
    for (const file of files) {
      const copy = /\/copy(\d+)\//.exec(file)![1];
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: (.+)$/m, (_, name: string) => `name: ${JSON.stringify(`[${copy}] ${unquote(name)}`)}`));
    }
    const env = { ...process.env, MIPRIG_CLI: 'bundle', MIPRIG_CACHE_DIR: join(dir, 'cache') };
    const jobs = availableParallelism();
    const time = (j: number): { wall: number } => {
      const out = join(dir, `r${j}.json`);
      const t = performance.now();
      const r = spawnSync(process.execPath, [join(root, 'bin/miprig.mjs'), 'run', corpus, '--reporter', 'json', '--out', out, '--jobs', String(j)], { encoding: 'utf8', env });
      const wall = performance.now() - t;
      const report = JSON.parse(readFileSync(out, 'utf8')) as { summary: { passed: number; line: string } };
      if (r.status !== 0 || report.summary.passed !== SCENARIOS) throw new Error(`corpus run failed: ${report.summary.line}\n${r.stderr.slice(-2000)}`);
      return { wall };
    };
    time(jobs); // warm-up: the code cache
    const many: number[] = [];
    const one: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      many.push(time(jobs).wall);
      one.push(time(1).wall);
    }
    const s = median(many) / 1000;
    // Corpus threads start from 3 jobs (runCommand.ts): below that both runs take one thread.
    const threads = jobs >= 3 ? `${jobs} corpus threads` : 'one thread: corpus threads start at 3 cores';
    return [
      { name: `corpus: ${SCENARIOS} scenarios, virtual, through the CLI, --jobs ${jobs} (${threads}), median`, value: round(s, 2), unit: 's', target: { text: '< 3 s', met: s < 3 } },
      { name: `corpus: the same with --jobs 1 (median)`, value: round(median(one) / 1000, 2), unit: 's' },
      { name: `corpus: --jobs ${jobs} / --jobs 1`, value: round(median(many) / median(one), 2), unit: 'ratio' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A YAML scalar's value (quoted or plain), as the scenario loader reads it. */
function unquote(text: string): string {
  return String(parse(text));
}
