import type { Backend } from '../backends/Backend.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { assignShards } from './assignShards.ts';
import type { ShardSpec } from './RunInfo.ts';
import { workPairs } from './workPairs.ts';

/**
 * The pairs `--shard index/total` runs: every pair of the run costed (workPairs), split
 * (assignShards), this shard's part as a predicate for runScenarios' `include`. Pairs are told
 * apart by object identity, so two backends of one name are still two backends.
 *
 * @example
 * const { include, pairs } = selectShard(chosen, backends, { index: 2, total: 4 });
 * await runScenarios(chosen, backends, { include });
 */
export function selectShard(
  scenarios: readonly LoadedScenario[],
  backends: readonly Backend[],
  shard: ShardSpec,
): { include: (scenario: LoadedScenario, backend: Backend) => boolean; pairs: number; cost: number } {
  const mine = assignShards(workPairs(scenarios, backends), shard.total)[shard.index - 1] ?? [];
  const byBackend = new Map<Backend, Set<LoadedScenario>>();
  for (const p of mine) {
    let set = byBackend.get(p.backend);
    if (!set) byBackend.set(p.backend, (set = new Set()));
    set.add(p.scenario);
  }
  return {
    include: (scenario, backend) => byBackend.get(backend)?.has(scenario) ?? false,
    pairs: mine.length,
    cost: mine.reduce((t, p) => t + p.cost, 0),
  };
}
