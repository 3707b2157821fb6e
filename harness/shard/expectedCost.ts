import type { BackendKind } from '../observation/Observation.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';

// Units are rough milliseconds on a model run; only their ratios matter (they balance shards).
// Kept whole numbers so sums are exact and the split never depends on float rounding.

/** A real binary spawns processes and talks TLS over loopback; the VM interprets Python in wasm. */
const KIND_FACTOR: Record<BackendKind, number> = { model: 1, vm: 15, real: 25 };
/** Building the device and the world, once per scenario. */
const SETUP = 4;
/** An install fetches and writes files (per package spec); the other steps only read or move. */
const STEP = { install: 10, import: 2, syspath: 1, copy: 4, decompress: 4, resource: 2 } as const;
/** A skipped pair only writes its reason. */
const SKIPPED = 1;
/** `--timeout`'s default: what a step waits on a server that never closes, unless the scenario says. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * What running one scenario on one kind of backend is expected to cost, in whole units (rough
 * model milliseconds): set-up plus its steps (an install more than an import), times the
 * backend's factor (a real binary ~25×, the VM ~15× a model run). A server that never closes
 * makes a real binary or the VM wait out the step's timeout, which the model only simulates. A
 * pair the backend skips (`skipReason` given) costs almost nothing. Pure: the same scenario and
 * kind always cost the same, on any machine, so every shard of a run computes the same split.
 *
 * @example
 * // a scenario of one install step
 * expectedCost(scenario, 'model'); // 14
 * expectedCost(scenario, 'real');  // 350
 * expectedCost(scenario, 'vm', backend.skipReason?.(scenario)); // 1 when the VM skips it
 */
export function expectedCost(scenario: Pick<LoadedScenario, 'spec'>, backendKind: BackendKind, skipReason?: string): number {
  if (skipReason) return SKIPPED;
  const { spec } = scenario;
  let work = SETUP;
  for (const step of spec.steps) {
    if ('install' in step) {
      const specs = typeof step.install === 'string' ? 1 : step.install.spec.length;
      work += STEP.install * Math.max(1, specs);
    } else if ('import' in step) work += STEP.import * (typeof step.import === 'string' ? 1 : Math.max(1, step.import.length));
    else if ('syspath' in step) work += STEP.syspath;
    else if ('copy' in step) work += STEP.copy;
    else if ('decompress' in step) work += STEP.decompress;
    else work += STEP.resource;
  }
  let cost = work * KIND_FACTOR[backendKind];
  if (backendKind !== 'model' && waitsForTimeout(scenario)) cost += spec.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return cost;
}

/** A server that never closes (or an expected timeout): a real step waits until it is killed. */
function waitsForTimeout({ spec }: Pick<LoadedScenario, 'spec'>): boolean {
  if (spec.world.faults.some((f) => f.neverClose)) return true;
  return spec.expect.outcome === 'timeout' || spec.variants.some((v) => v.expect.outcome === 'timeout');
}
