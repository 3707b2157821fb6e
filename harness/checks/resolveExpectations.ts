import type { Expectations, ScenarioSpec } from '../../src/scenario/schema.ts';
import { satisfies } from '../../src/scenario/version.ts';
import type { BackendKind } from '../observation/Observation.ts';

/** What a run is: which backend, which runtime, which installer version. */
export interface RunContext {
  backend: string;
  kind: BackendKind;
  runtime: string;
  installer: string | undefined;
  /** GC heap one TLS connection keeps on the build that ran, when known. */
  tlsHeap?: number;
}

/**
 * The expectations that hold for one run: `expect`, with each field replaced by the first
 * matching variant that sets it (so a scenario states how behaviour changes across versions).
 *
 * @example
 * // variants: [{ when: { installer: '<0.4.0' }, expect: { outcome: { exception: '…' } } }]
 * resolveExpectations(spec, { backend: 'virtual', kind: 'model', runtime: '1.22.2', installer: '0.2.0' }).outcome
 */
export function resolveExpectations(spec: ScenarioSpec, ctx: RunContext): Expectations {
  const out: Expectations = { ...spec.expect };
  const taken = new Set<string>();
  for (const variant of spec.variants) {
    if (!variantApplies(variant.when, ctx)) continue;
    for (const [key, value] of Object.entries(variant.expect)) {
      if (value === undefined || taken.has(key)) continue;
      taken.add(key);
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** A variant's `when.backend` is a kind of backend, never a name prefix. */
const KIND_OF: Record<'virtual' | 'unix' | 'vm', BackendKind> = { virtual: 'model', unix: 'real', vm: 'vm' };

export function variantApplies(when: ScenarioSpec['variants'][number]['when'], ctx: RunContext): boolean {
  if (when.backend && KIND_OF[when.backend] !== ctx.kind) return false;
  if (when.runtime && !satisfies(ctx.runtime, when.runtime)) return false;
  if (when.installer && (ctx.installer === undefined || !satisfies(ctx.installer, when.installer))) return false;
  if (when.tlsHeap && (ctx.tlsHeap === undefined || !sizeSatisfies(ctx.tlsHeap, when.tlsHeap))) return false;
  return true;
}

/** `>=16K`, `<4096`: a byte count against a bound. */
function sizeSatisfies(bytes: number, range: string): boolean {
  const m = /^\s*(<=|>=|<|>)\s*(\d+)\s*([Kk]?)\s*$/.exec(range);
  if (!m) return false;
  const bound = Number(m[2]) * (m[3] ? 1024 : 1);
  return m[1] === '<' ? bytes < bound : m[1] === '<=' ? bytes <= bound : m[1] === '>' ? bytes > bound : bytes >= bound;
}
