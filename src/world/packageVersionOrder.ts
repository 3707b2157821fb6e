/**
 * Ordering of package version strings (`0.1`, `3.4.2-3`, `1.0.1`) for picking the highest
 * one, as a fresh index build or PyPI's `info.version` would. Digit runs compare as numbers,
 * other runs as text; when one version is a prefix of the other, the longer one is higher.
 */

function tokens(version: string): Array<number | string> {
  return (version.match(/\d+|[^\d.\-_+]+/g) ?? []).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}

/**
 * Negative, zero or positive, like a sort comparator.
 *
 * @example
 * comparePackageVersions('0.10', '0.9') > 0     // true
 * comparePackageVersions('3.4.2-3', '3.4.3') < 0 // true
 */
export function comparePackageVersions(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    // A number sorts above a word (1.0 > 1.0rc); two words compare as text.
    if (typeof p === 'number') return 1;
    if (typeof q === 'number') return -1;
    return p < q ? -1 : 1;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The highest of `versions`, or undefined for an empty list.
 *
 * @example
 * highestVersion(['0.9', '0.10', '0.2']) // '0.10'
 */
export function highestVersion(versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || comparePackageVersions(v, best) > 0) best = v;
  return best;
}
