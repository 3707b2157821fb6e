import type { Backend } from './backends/Backend.ts';
import type { Observation } from './observation/Observation.ts';
import type { CheckResult } from './checks/CheckResult.ts';
import { formatOutcome } from './observation/classifyOutcome.ts';
import { runChecks } from './checks/runChecks.ts';
import { sha256Hex } from '../src/world/sha256.ts';
import type { LoadedScenario } from './scenario/loadScenario.ts';
import type { ScenarioResult } from './ScenarioResult.ts';

export interface RunOptions {
  /** Only scenarios whose name, file or tags contain this text. */
  filter?: string;
  /** Scenarios run at once per backend (real binaries are separate processes). */
  concurrency?: number;
  /** Called as each result is ready, in the order they finish (progress and reporters stream with it). */
  onResult?: (result: ScenarioResult, observation: Observation | undefined) => void;
  /** Called as a scenario starts on a backend. */
  onStart?: (scenario: LoadedScenario, backend: Backend) => void;
  /**
   * Stop the run: no scenario starts once it is aborted (each is reported skipped, "interrupted"),
   * and one that was running when it happened is reported the same way (its processes were killed).
   */
  signal?: AbortSignal;
  /** Only the pairs this accepts run (`--shard`); a pair left out gives no result at all. */
  include?: (scenario: LoadedScenario, backend: Backend) => boolean;
  /** Runs one pair instead of `runOne` in this thread (the CLI's corpus worker threads). */
  runOne?: (scenario: LoadedScenario, backend: Backend) => Promise<{ result: ScenarioResult; observation: Observation | undefined }>;
}

/** Whether a scenario is selected by `--filter`. */
export function selected(scenario: LoadedScenario, filter: string | undefined): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  const { spec, file } = scenario;
  return [spec.name, file, ...spec.tags].some((s) => s.toLowerCase().includes(f));
}

/**
 * Run every scenario on every backend and check it. Backends must be started; results come in
 * scenario order within each backend.
 *
 * @example
 * const results = await runScenarios(scenarios, [virtual], { filter: 'deps' });
 */
export async function runScenarios(
  scenarios: readonly LoadedScenario[],
  backends: readonly Backend[],
  options: RunOptions = {},
): Promise<Array<{ result: ScenarioResult; observation: Observation | undefined }>> {
  const chosen = scenarios.filter((s) => selected(s, options.filter));
  const out: Array<{ result: ScenarioResult; observation: Observation | undefined }> = [];
  for (const backend of backends) {
    const mine = options.include ? chosen.filter((s) => options.include!(s, backend)) : chosen;
    const results = await mapLimit(mine, options.concurrency ?? 1, async (s) => {
      const interrupted = (): { result: ScenarioResult; observation: undefined } => ({
        result: emptyResult(s, backend.name, 'skip', `interrupted (${String(options.signal?.reason ?? 'aborted')})`),
        observation: undefined,
      });
      if (options.signal?.aborted) return interrupted();
      options.onStart?.(s, backend);
      let r = await (options.runOne ?? runOne)(s, backend);
      if (options.signal?.aborted) r = interrupted();
      options.onResult?.(r.result, r.observation);
      return r;
    });
    out.push(...results);
  }
  return out;
}

/**
 * One scenario on one backend, checked. Errors of the run itself (not of the installer) give
 * status `error` with the reason.
 */
export async function runOne(
  scenario: LoadedScenario,
  backend: Backend,
): Promise<{ result: ScenarioResult; observation: Observation | undefined }> {
  const skip = backend.skipReason?.(scenario);
  if (skip) return { result: emptyResult(scenario, backend.name, 'skip', skip), observation: undefined };
  let observation: Observation;
  try {
    observation = await backend.run(scenario);
  } catch (err) {
    return { result: emptyResult(scenario, backend.name, 'error', (err as Error).message), observation: undefined };
  }
  const checks = runChecks(scenario.spec, observation);
  return { result: toResult(scenario, observation, checks), observation };
}

function toResult(scenario: LoadedScenario, obs: Observation, checks: CheckResult[]): ScenarioResult {
  const failed = checks.filter((c) => !c.pass && !c.knownDivergence);
  const files: ScenarioResult['files'] = {};
  for (const [path, bytes] of obs.files) files[path] = { size: bytes.length, sha256: sha256Hex(bytes) };
  return {
    scenario: { name: scenario.spec.name, file: scenario.file, tags: [...scenario.spec.tags] },
    backend: obs.backend,
    runtime: obs.runtime,
    installer: obs.installer,
    status: failed.length ? 'fail' : 'pass',
    reason: failed.length ? `failed: ${failed.map((c) => c.name).join(', ')}` : '',
    outcome: formatOutcome(obs.outcome),
    exitCode: obs.exitCode,
    checks,
    requests: obs.requests.map(({ method, url, status, noResponse }) => ({ method, url, status, ...(noResponse ? { noResponse } : {}) })),
    files,
    output: obs.output,
    imports: obs.imports,
    decompress: obs.decompress,
    findings: obs.findings,
    ...(obs.redirection ? { redirection: obs.redirection } : {}),
    ...(obs.launcher ? { launcher: obs.launcher } : {}),
    ...(obs.build ? { build: obs.build } : {}),
    durationMs: Math.round(obs.durationMs * 1000) / 1000,
  };
}

function emptyResult(scenario: LoadedScenario, backend: string, status: 'skip' | 'error', reason: string): ScenarioResult {
  return {
    scenario: { name: scenario.spec.name, file: scenario.file, tags: [...scenario.spec.tags] },
    backend,
    runtime: { version: scenario.spec.device.version, mpy: null },
    installer: null,
    status,
    reason,
    outcome: 'none',
    exitCode: null,
    checks: [],
    requests: [],
    files: {},
    output: [],
    imports: {},
    decompress: {},
    findings: [],
    durationMs: 0,
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}
