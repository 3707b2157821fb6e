import { writeFile } from 'node:fs/promises';
import type { Backend } from '../backends/Backend.ts';
import { createBackends } from '../createBackends.ts';
import { JSON_REPORT_VERSION, jsonReport } from '../reporters/jsonReporter.ts';
import { junitReport } from '../reporters/junitReporter.ts';
import { prettyReport } from '../reporters/prettyReporter.ts';
import { compareReport } from '../reporters/compareReport.ts';
import { runScenarios, selected } from '../runScenarios.ts';
import { progress } from './progress.ts';
import { killEverything } from '../unix/processGroup.ts';
import { terminalText } from '../reporters/terminalText.ts';
import { performance } from 'node:perf_hooks';
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadAll } from './loadAll.ts';
import { UsageError } from './UsageError.ts';
import { binariesFromEnv } from '../unix/MicropythonBinary.ts';
import { CorpusPool } from '../parallel/CorpusPool.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import type { ScenarioResult } from '../ScenarioResult.ts';
import { scenarioId, type RunInfo, type ShardSpec } from '../shard/RunInfo.ts';
import { selectShard } from '../shard/selectShard.ts';

export interface RunCommandOptions {
  backend: 'virtual' | 'unix' | 'vm' | 'mpremote' | 'all';
  /** `--installer-src`: installer sources for the vm backend. */
  installerSrc?: string;
  micropython: string[];
  /** `--mpremote`: real mpremote programs or checkouts (else MIPRIG_MPREMOTE). */
  mpremote?: string[];
  filter?: string;
  reporter: 'pretty' | 'json' | 'junit' | 'html';
  out?: string;
  update?: boolean;
  timeout: number;
  jobs: number;
  /** `--shard i/n`: run only this part of the (scenario, backend) pairs (see selectShard). */
  shard?: ShardSpec;
}

/** `miprig run`: load, run on each backend, report; 0 all passed, 1 some failed. */
export async function runCommand(paths: string[], opts: RunCommandOptions): Promise<number> {
  const wallStart = performance.now();
  // From the first moment: a signal while binaries are probed is handled like one mid-run.
  const interrupt = onInterrupt();
  try {
    return await runInterruptibly(paths, opts, wallStart, interrupt.signal);
  } finally {
    interrupt.dispose();
  }
}

/**
 * From how many scenario files a virtual run loads and runs them in worker threads (`--jobs`
 * of them): below it, starting the threads costs more than they save.
 */
const PARALLEL_FROM = 150;

/**
 * Threads pay only from three cores: on two, the module bodies' VM threads already use the
 * second one, and two corpus threads (each with VM threads of its own) ran a 1 000-scenario
 * corpus slower than one thread (5.6–6.0 s against 4.8–5.0 s, measured on a 2-core machine).
 */
const PARALLEL_FROM_JOBS = 3;

/** Virtual scenarios in flight at once in this thread (their awaits overlap, not their CPU). */
const MODEL_OVERLAP = 8;

async function runInterruptibly(paths: string[], opts: RunCommandOptions, wallStart: number, aborted: AbortSignal): Promise<number> {
  // Started by loadAll once it knows how many files there are (corpusThreadsFor); ended here.
  const threads: { pool?: CorpusPool } = {};
  try {
    return await runWith(paths, opts, wallStart, aborted, threads);
  } finally {
    await threads.pool?.stop();
  }
}

/**
 * Worker threads for a run of `files` scenario files, or none. Only a virtual run: the others
 * need each observation in this thread (the comparison table of `all`, `--update`), and their
 * real binaries and VMs are parallel already.
 */
function corpusThreadsFor(opts: RunCommandOptions, files: number): CorpusPool | undefined {
  if (opts.backend !== 'virtual' || opts.update || opts.jobs < PARALLEL_FROM_JOBS || files < PARALLEL_FROM) return undefined;
  return new CorpusPool(opts.jobs);
}

async function runWith(paths: string[], opts: RunCommandOptions, wallStart: number, aborted: AbortSignal, threads: { pool?: CorpusPool }): Promise<number> {
  // A report that cannot be written is known now, not after the whole run.
  if (opts.out) await assertWritableOut(opts.out);
  if (opts.reporter === 'html' && !opts.out) throw new UsageError('--reporter html writes a page: give --out FILE, e.g. --out report.html');
  const scenarios = await loadAll(paths, (files) => (threads.pool = corpusThreadsFor(opts, files)));
  const pool = threads.pool;
  const chosen = scenarios.filter((s) => selected(s, opts.filter));
  if (chosen.length === 0) {
    // As vitest does for no test files: a run of nothing is not a success.
    process.stderr.write(
      scenarios.length === 0
        ? `miprig: no scenario files in ${paths.join(', ')} (looked for *.yaml and *.yml)\n`
        : `miprig: no scenario matches --filter ${JSON.stringify(opts.filter)} (${scenarios.length} loaded from ${paths.join(', ')})\n`,
    );
    return 1;
  }
  // Expectations come from real binaries: the models' output recorded as expected would only
  // ever agree with itself.
  if (opts.update && opts.backend !== 'unix' && opts.backend !== 'mpremote') {
    throw new UsageError(`--update records what real binaries print; --backend ${opts.backend} runs the virtual device's models, whose output is not evidence: use --backend unix with --micropython PATH or MIPRIG_MICROPYTHON (or --backend mpremote with --mpremote PATH)`);
  }
  // --micropython names the binaries for this run; without it, MIPRIG_MICROPYTHON does.
  const binaries = opts.micropython.length ? opts.micropython : binariesFromEnv();
  const mpremotes = opts.mpremote?.length ? opts.mpremote : opts.backend === 'mpremote' || opts.backend === 'all' ? (await import('../mpremote/mpremoteTool.ts')).mpremotesFromEnv() : [];
  // `all` compares the models with whatever real things are given: binaries, mpremote, or both.
  if ((opts.backend === 'unix' || (opts.backend === 'all' && mpremotes.length === 0)) && binaries.length === 0) {
    throw new UsageError(`--backend ${opts.backend} needs real binaries: pass --micropython PATH (repeatable) or set MIPRIG_MICROPYTHON${opts.backend === 'all' ? ' (or real mpremote: --mpremote PATH, MIPRIG_MPREMOTE)' : ''}`);
  }
  // A version (`1.22.2`, `1.22.2-nobtree`) names a build in the cache (`miprig build`); the
  // virtual backend uses no binary, so it never needs one built.
  const from = opts.micropython.length ? '--micropython' : 'MIPRIG_MICROPYTHON';
  // Imported only for real binaries (the build tooling loads execa): a virtual run starts faster.
  const binaryPaths = opts.backend === 'unix' || opts.backend === 'all' ? (await import('../build/resolveBinary.ts')).resolveBinaries(binaries, { from }) : [];
  const backends: Backend[] = await createBackends(opts.backend, binaryPaths, {
    timeoutMs: opts.timeout,
    mpremotes,
    ...(opts.installerSrc !== undefined ? { installerSrc: opts.installerSrc } : {}),
  });
  const started: Backend[] = [];
  try {
    for (const b of backends) {
      try {
        await b.start();
      } catch (err) {
        // What a backend needs to start is the user's setup (e.g. MIPRIG_MPY_CROSS): one line, exit 2.
        throw new UsageError(`${b.name}: ${(err as Error).message}`);
      }
      started.push(b);
    }
    // --shard: this run's part, split by expected cost the same way on every machine. Backends
    // are started first: a binary's name (which the split's tie-breaks use) is known only then.
    const part = opts.shard ? selectShard(chosen, backends, opts.shard) : undefined;
    const sink = process.stderr;
    const live = progress({
      total: part ? part.pairs : chosen.length * backends.length,
      sink: { write: (t) => void sink.write(t), isTTY: Boolean(sink.isTTY), ...(sink.columns ? { columns: sink.columns } : {}) },
    });
    let runs;
    try {
      runs = await runScenarios(chosen, backends, {
        // Worker threads: keep each one a scenario ahead, so none waits for the next to be posted.
        // A virtual run in this thread: several scenarios in flight, so the device's work goes on
        // while a module body runs on a VM thread (one at a time, this thread sat idle 1.8 s of
        // 5.3 s on 1 000 scenarios).
        concurrency: pool ? pool.size * 2 : opts.backend === 'virtual' ? Math.max(opts.jobs, MODEL_OVERLAP) : opts.jobs,
        signal: aborted,
        ...(pool ? { runOne: corpusRunner(pool) } : {}),
        include: part?.include,
        onStart: (s, b) => live.started(b.name, s.spec.name),
        onResult: (r) => live.finished(r),
      });
    } finally {
      live.end();
    }
    const results = runs.map((r) => r.result);
    const wallMs = performance.now() - wallStart;
    let report: string;
    // What `miprig merge` needs to restore a single run's order: backends, the whole selection.
    const run: RunInfo = {
      backends: backends.map((b) => b.name),
      scenarios: chosen.map((s) => scenarioId(s.file, s.spec.name)),
      ...(opts.shard ? { shard: opts.shard } : {}),
    };
    if (opts.reporter === 'json') report = jsonReport(results, { run }, wallMs);
    else if (opts.reporter === 'junit') report = junitReport(results);
    // The page reads the results (and counts them itself): no JSON text to write and parse back.
    else if (opts.reporter === 'html') report = (await import('../reporters/htmlReport.ts')).htmlReport({ miprig: JSON_REPORT_VERSION, results });
    else report = (backends.length > 1 ? compareReport(runs) : '') + prettyReport(results, wallMs);
    if (opts.out) await writeFile(opts.out, report);
    else process.stdout.write(report);
    // Interrupted: the partial report is written; exit as a shell does for the signal.
    if (aborted.aborted) {
      process.stderr.write(`miprig: interrupted by ${String(aborted.reason)}; the report holds the ${results.filter((r) => !r.reason.startsWith('interrupted')).length} results that finished\n`);
      return aborted.reason === 'SIGTERM' ? 143 : 130;
    }
    if (opts.update) {
      const { updateScenarios } = await import('../update/updateScenarios.ts');
      const changed = await updateScenarios(scenarios, runs);
      process.stderr.write(`miprig: updated ${changed.length} scenario file(s)${changed.length ? `: ${changed.map(terminalText).join(', ')}` : ''}\n`);
      return 0;
    }
    // A run that could not be carried out as written (bad file content, no model) is a scenario
    // error, not a failed expectation.
    if (results.some((r) => r.status === 'error')) return 2;
    return results.some((r) => r.status === 'fail') ? 1 : 0;
  } finally {
    for (const b of started.reverse()) await b.stop();
  }
}

/** `--out FILE`: its folder must exist and be writable, and FILE must not be a folder. */
async function assertWritableOut(out: string): Promise<void> {
  const dir = path.dirname(path.resolve(out));
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--out ${out}: the folder ${dir} does not exist or is not writable; create it first`);
  }
  const existing = await stat(out).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`--out ${out} is a folder; name a file, e.g. ${path.join(out, 'report.json')}`);
}

/**
 * SIGINT/SIGTERM during a run: stop starting scenarios, kill every process the run started
 * (groups and the processes the shim reported), and let the run end normally so its report is
 * written and its run roots removed. A second signal exits at once (the exit handlers still
 * remove run roots).
 */
function onInterrupt(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      process.exit(signal === 'SIGTERM' ? 143 : 130);
    }
    controller.abort(signal);
    killEverything();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** runScenarios' `runOne` on the corpus threads: the result only (the report needs no observation). */
function corpusRunner(pool: CorpusPool): (scenario: LoadedScenario) => Promise<{ result: ScenarioResult; observation: undefined }> {
  return async (scenario) => ({ result: await pool.run(scenario), observation: undefined });
}
