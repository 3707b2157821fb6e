/**
 * Versions and ranges of MicroPython and of its installers. `master` sorts after every release.
 *
 * @example
 * compareVersions('1.22.2', '1.25') < 0          // true
 * satisfies('0.4.1', '>=0.4.0')                   // true
 * satisfies('1.24.1', '>=1.20 <1.25')             // true
 */
export type Version = string;

const MASTER = [9999, 0, 0];

/** Versions parsed so far: the models compare the same few versions thousands of times a run. */
const parsed = new Map<string, readonly [number, number, number]>();

/** `[major, minor, patch]`; `master` is larger than any release. */
export function parseVersion(v: Version): [number, number, number] {
  return [...parsedVersion(v)] as [number, number, number];
}

function parsedVersion(v: Version): readonly [number, number, number] {
  if (v === 'master') return MASTER as [number, number, number];
  let known = parsed.get(v);
  if (!known) {
    const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(v);
    if (!m) throw new Error(`not a version: "${v}" (expected e.g. 1.22.2)`);
    known = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (parsed.size < 10_000) parsed.set(v, known);
  }
  return known;
}

/** Negative, zero or positive, like a sort comparator. */
export function compareVersions(a: Version, b: Version): number {
  const x = parsedVersion(a);
  const y = parsedVersion(b);
  for (let i = 0; i < 3; i++) {
    const d = x[i]! - y[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** True when `v` meets every space-separated comparator of `range` (`*` matches all). */
export function satisfies(v: Version, range: string): boolean {
  const parts = range.trim().split(/\s+/).filter(Boolean);
  for (const part of parts) {
    if (part === '*') continue;
    const m = /^(>=|<=|>|<|=)?(.+)$/.exec(part);
    if (!m) return false;
    const op = m[1] ?? '=';
    const c = compareVersions(v, m[2]!);
    const ok = op === '>=' ? c >= 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '<' ? c < 0 : c === 0;
    if (!ok) return false;
  }
  return true;
}

/** True when `v` is at least `min`. */
export function atLeast(v: Version, min: Version): boolean {
  return compareVersions(v, min) >= 0;
}
