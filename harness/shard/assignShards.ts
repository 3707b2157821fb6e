/** One unit of work to place: a stable id (ties) and its expected cost. */
export interface CostedPair {
  id: string;
  cost: number;
}

/**
 * Split work into `total` shards of about equal expected cost, greedy longest-processing-time
 * first: pairs sorted by cost (highest first, ties by id), each given to the shard with the least
 * cost so far (ties to the lowest index). Every pair lands in exactly one shard; the split
 * depends only on the ids, costs and order given — never on the machine or on timing (ids compare
 * by code unit, not by locale). Returns the shards (index 0 = shard 1), each in input order.
 *
 * @example
 * assignShards([{ id: 'a', cost: 5 }, { id: 'b', cost: 3 }, { id: 'c', cost: 2 }], 2);
 * // [[{ id: 'a', cost: 5 }], [{ id: 'b', cost: 3 }, { id: 'c', cost: 2 }]]
 */
export function assignShards<T extends CostedPair>(pairs: readonly T[], total: number): T[][] {
  if (!Number.isSafeInteger(total) || total < 1) throw new RangeError(`assignShards: total must be a whole number ≥ 1, got ${total}`);
  for (const p of pairs) {
    if (!Number.isFinite(p.cost) || p.cost < 0) throw new RangeError(`assignShards: ${p.id} has cost ${p.cost}; costs must be finite and ≥ 0`);
  }
  // Array.prototype.sort is stable: equal ids (two backends of one name) keep their input order.
  const order = pairs.map((_, i) => i).sort((a, b) => {
    const pa = pairs[a]!;
    const pb = pairs[b]!;
    if (pa.cost !== pb.cost) return pb.cost - pa.cost;
    return pa.id < pb.id ? -1 : pa.id > pb.id ? 1 : 0;
  });
  const load = new Array<number>(total).fill(0);
  const shardOf = new Array<number>(pairs.length);
  for (const i of order) {
    let lightest = 0;
    for (let k = 1; k < total; k++) if (load[k]! < load[lightest]!) lightest = k;
    load[lightest]! += pairs[i]!.cost;
    shardOf[i] = lightest;
  }
  const shards: T[][] = Array.from({ length: total }, () => []);
  pairs.forEach((p, i) => shards[shardOf[i]!]!.push(p));
  return shards;
}
