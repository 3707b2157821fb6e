import { performance } from 'node:perf_hooks';
import type { Backend } from '../harness/backends/Backend.ts';
import { VirtualBackend } from '../harness/backends/VirtualBackend.ts';
import { loadAll } from '../harness/cli/loadAll.ts';
import { loadScenario, parseScenario, type LoadedScenario } from '../harness/scenario/loadScenario.ts';
import { median, round, type Figure } from './figure.ts';

/** The "typical scenario": an index install of 3 files with 1 dependency. */
export const TYPICAL = 'scenarios/mip/index-with-dependency.yaml';

/**
 * A scenario as if just loaded: a new spec object, so nothing worked out per spec (the world's
 * routes, a device layout) is reused from an earlier run. A corpus run meets each scenario once;
 * timing reruns of one object would measure those caches instead.
 */
export function fresh(scenario: LoadedScenario): LoadedScenario {
  return parseScenario(scenario.text, scenario.file);
}

/**
 * Wall times of `rounds` runs of `scenario` on `backend`, each on a fresh copy (parsed outside the
 * timed part), after `warmup` untimed runs that let the JIT compile the hot paths.
 *
 * @example
 * median(await timeRuns(new VirtualBackend(), scenario, { warmup: 200, rounds: 500 }));
 */
export async function timeRuns(backend: Backend, scenario: LoadedScenario, counts: { warmup: number; rounds: number }): Promise<number[]> {
  for (let i = 0; i < counts.warmup; i++) await backend.run(fresh(scenario));
  const times: number[] = [];
  for (let i = 0; i < counts.rounds; i++) {
    const once = fresh(scenario);
    const t = performance.now();
    await backend.run(once);
    times.push(performance.now() - t);
  }
  return times;
}

/**
 * Median wall time of the typical scenario on the virtual device (whole `run()`: device, world,
 * install, observation), and scenarios/second over the shipped corpus; every run gets a freshly
 * parsed scenario (parsed outside the timed part).
 */
export async function benchVirtual(): Promise<Figure[]> {
  const backend = new VirtualBackend();
  const times = await timeRuns(backend, await loadScenario(TYPICAL), { warmup: 300, rounds: 1000 });
  // Scenarios that wait for a timeout on purpose would measure the timeout, not the model; those
  // whose module bodies run on a VM would measure the VM.
  const runnable = (await loadAll(['scenarios'])).filter((s) => !s.spec.tags.includes('timeout') && !s.spec.tags.includes('module-bodies'));
  let elapsed = 0;
  let runs = 0;
  while (elapsed < 3000) {
    for (const s of runnable) {
      const scenario = fresh(s);
      const t = performance.now();
      await backend.run(scenario);
      elapsed += performance.now() - t;
      runs++;
    }
  }
  const perSecond = runs / (elapsed / 1000);
  const med = median(times);
  return [
    { name: 'virtual: typical scenario (3 files, 1 dependency), median', value: round(med), unit: 'ms', target: { text: '≤ 2 ms', met: med <= 2 } },
    { name: 'virtual: typical scenario, p95', value: round([...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!), unit: 'ms' },
    { name: `virtual: shipped corpus (${runnable.length} scenarios, timeouts and module bodies excluded)`, value: round(perSecond, 0), unit: 'scenarios/s' },
  ];
}
