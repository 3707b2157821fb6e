/** An expected line: exact text, or a regular expression. */
export type LineMatcher = string | { regex: string };

export function lineMatches(matcher: LineMatcher, line: string): boolean {
  return typeof matcher === 'string' ? matcher === line : new RegExp(matcher.regex).test(line);
}

/**
 * True when `expected` matches `actual` line by line (`exact`), or appears in it in order,
 * other lines allowed in between (`contains`).
 *
 * @example
 * matchLines(['Done'], ['Copying: /lib/a.py', 'Done'], 'contains') // true
 */
export function matchLines<T>(
  expected: readonly LineMatcher[],
  actual: readonly T[],
  mode: 'exact' | 'contains',
  matches: (m: LineMatcher, item: T) => boolean = lineMatches as (m: LineMatcher, item: T) => boolean,
): boolean {
  if (mode === 'exact') return expected.length === actual.length && expected.every((m, i) => matches(m, actual[i]!));
  let j = 0;
  for (const item of actual) if (j < expected.length && matches(expected[j]!, item)) j++;
  return j === expected.length;
}
