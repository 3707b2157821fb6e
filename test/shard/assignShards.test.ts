// The split is greedy longest-processing-time: deterministic, every pair once, balanced.
import { describe, expect, it } from 'vitest';
import { loadAll } from '../../harness/cli/loadAll.ts';
import type { Backend } from '../../harness/backends/Backend.ts';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { UnixBackend } from '../../harness/backends/UnixBackend.ts';
import { VmBackend } from '../../harness/vm/VmBackend.ts';
import { VM_RELEASES } from '../../harness/vm/vmPackages.ts';
import type { BinaryInfo } from '../../harness/unix/MicropythonBinary.ts';
import { assignShards, type CostedPair } from '../../harness/shard/assignShards.ts';
import { workPairs, type CostedBackend } from '../../harness/shard/workPairs.ts';
import { selectShard } from '../../harness/shard/selectShard.ts';

const corpus = await loadAll(['scenarios']);

/** A probed binary as `--backend all` would have it, without running one (skipReason reads only this). */
function fakeBinary(version: string, installer: 'mip' | 'upip'): BinaryInfo {
  const [a, b, c] = version.split('.').map(Number) as [number, number, number];
  return { path: `/opt/mp/${version}/micropython`, version, versionTuple: [a, b, c], mpy: 6, installer, installerIdentity: { name: installer, version }, tls: 'ssl' };
}

/**
 * `--backend all` with two binaries (a mip one and a upip one) and the VM, as built by
 * createBackends — real backend objects, so their own skipReason decides which pairs are skipped.
 */
const ALL_LIKE: Backend[] = [
  new VirtualBackend(),
  new VirtualBackend('1.22.2'),
  new UnixBackend(fakeBinary('1.22.2', 'mip'), { timeoutMs: 30_000 }),
  new VirtualBackend('1.19.1'),
  new UnixBackend(fakeBinary('1.19.1', 'upip'), { timeoutMs: 30_000 }),
  new VmBackend({ timeoutMs: 30_000, vms: VM_RELEASES.map((version) => ({ version, url: 'file:///not-loaded' })) }),
];

/** The same kinds with nothing skipped: the heaviest the corpus can be. */
const KINDS_ONLY: CostedBackend[] = [
  { name: 'virtual', kind: 'model' },
  { name: 'virtual@1.22.2', kind: 'model' },
  { name: 'unix:1.22.2', kind: 'real' },
  { name: 'vm', kind: 'vm' },
];

const ids = (shards: CostedPair[][]): string[][] => shards.map((s) => s.map((p) => p.id).sort());
const loads = (shards: CostedPair[][]): number[] => shards.map((s) => s.reduce((t, p) => t + p.cost, 0));

describe('assignShards', () => {
  it('gives the heaviest pair first to the lightest shard, ties by id and then to the lowest index', () => {
    const pairs = [
      { id: 'c', cost: 2 },
      { id: 'a', cost: 5 },
      { id: 'b', cost: 3 },
      { id: 'd', cost: 2 },
    ];
    // a(5) → 1; b(3) → 2; c(2) → 2 (3 < 5); d(2) → 1 (5 = 5: the lower index)
    expect(ids(assignShards(pairs, 2))).toEqual([['a', 'd'], ['b', 'c']]);
    expect(ids(assignShards([{ id: 'y', cost: 1 }, { id: 'x', cost: 1 }, { id: 'z', cost: 1 }], 2))).toEqual([['x', 'z'], ['y']]);
  });

  it('keeps each shard in input order and returns empty shards when there are more shards than pairs', () => {
    const shards = assignShards([{ id: 'a', cost: 1 }, { id: 'b', cost: 9 }], 4);
    expect(shards).toEqual([[{ id: 'b', cost: 9 }], [{ id: 'a', cost: 1 }], [], []]);
    expect(assignShards([], 3)).toEqual([[], [], []]);
  });

  it('refuses a total below 1 and a cost that is not a finite number ≥ 0', () => {
    expect(() => assignShards([], 0)).toThrow(RangeError);
    expect(() => assignShards([{ id: 'a', cost: -1 }], 2)).toThrow(/a has cost -1/);
    expect(() => assignShards([{ id: 'a', cost: NaN }], 2)).toThrow(RangeError);
  });

  it('puts every pair of the corpus in exactly one shard, the same split for any input order', () => {
    const pairs = workPairs(corpus, ALL_LIKE);
    expect(pairs).toHaveLength(corpus.length * ALL_LIKE.length);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
    const reversed = [...pairs].reverse();
    for (let n = 1; n <= 6; n++) {
      const shards = assignShards(pairs, n);
      expect(shards).toHaveLength(n);
      expect(shards.flat().map((p) => p.id).sort()).toEqual(pairs.map((p) => p.id).sort());
      expect(ids(assignShards(reversed, n))).toEqual(ids(shards));
      expect(ids(assignShards(pairs, n))).toEqual(ids(shards));
    }
  });

  it.each([
    ['--backend all-like backends (two binaries, the VM; their own skips)', ALL_LIKE],
    ['every kind with nothing skipped', KINDS_ONLY],
  ] as const)('balances the shipped corpus on %s: the heaviest shard ≤ 1.3 × ideal for 2–4 shards', (_, backends) => {
    const pairs = workPairs(corpus, backends);
    const total = pairs.reduce((t, p) => t + p.cost, 0);
    for (let n = 2; n <= 4; n++) {
      const ideal = total / n;
      const max = Math.max(...loads(assignShards(pairs, n)));
      expect(max, `n=${n}: ideal ${ideal.toFixed(0)}, heaviest ${max}`).toBeLessThanOrEqual(1.3 * ideal);
    }
  });
});

describe('selectShard', () => {
  it("splits a run's (scenario, backend) pairs into shards that cover each pair exactly once", () => {
    const backends = [new VirtualBackend(), new VirtualBackend('1.22.2')];
    for (const total of [1, 2, 3, 7]) {
      const parts = Array.from({ length: total }, (_, i) => selectShard(corpus, backends, { index: i + 1, total }));
      expect(parts.reduce((t, p) => t + p.pairs, 0)).toBe(corpus.length * backends.length);
      for (const b of backends) {
        for (const s of corpus) expect(parts.filter((p) => p.include(s, b))).toHaveLength(1);
      }
    }
  });

  it('tells two backends of one name apart (one binary given twice)', () => {
    const twins = [new VirtualBackend('1.22.2'), new VirtualBackend('1.22.2')];
    const parts = [1, 2].map((index) => selectShard(corpus, twins, { index, total: 2 }));
    for (const b of twins) for (const s of corpus) expect(parts.filter((p) => p.include(s, b))).toHaveLength(1);
  });
});
