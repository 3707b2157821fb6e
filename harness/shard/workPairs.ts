import type { Backend } from '../backends/Backend.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { expectedCost } from './expectedCost.ts';
import { scenarioId } from './RunInfo.ts';

/** What costing a pair needs of a backend (tests pass stand-ins). */
export type CostedBackend = Pick<Backend, 'name' | 'kind' | 'skipReason'>;

/** One (scenario, backend) pair of a run: the unit a shard is made of. */
export interface WorkPair<B extends CostedBackend = Backend> {
  /** `file#name#backendName`: the stable tie-break when costs are equal. */
  id: string;
  cost: number;
  scenario: LoadedScenario;
  backend: B;
}

/**
 * Every (scenario, backend) pair of a run, in run order (backend by backend, scenarios in load
 * order), each with its expected cost. A backend that would skip the scenario says so through
 * its `skipReason` (pure: what the backend is, not what it has done), and the pair costs ~0.
 *
 * @example
 * const pairs = workPairs(scenarios, backends);
 * pairs[0].id; // 'scenarios/bugs/….yaml#micropython-samples#27: …#virtual'
 */
export function workPairs<B extends CostedBackend>(scenarios: readonly LoadedScenario[], backends: readonly B[]): WorkPair<B>[] {
  const out: WorkPair<B>[] = [];
  for (const backend of backends) {
    for (const scenario of scenarios) {
      out.push({
        id: `${scenarioId(scenario.file, scenario.spec.name)}#${backend.name}`,
        cost: expectedCost(scenario, backend.kind, backend.skipReason?.(scenario)),
        scenario,
        backend,
      });
    }
  }
  return out;
}
