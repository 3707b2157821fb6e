import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/**
 * Pick the most telling issue from a zod error: for a union, the branch that got furthest
 * (deepest path) rather than zod's generic "Invalid input".
 */
export function mostRelevantIssue(issues: readonly Issue[], data: unknown, base: readonly PropertyKey[] = []): Issue {
  let best: Issue | undefined;
  for (const issue of issues) {
    const candidate = issue.code === 'invalid_union' ? bestOfUnion(issue, data, base) : issue;
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best ?? issues[0]!;
}


function bestOfUnion(issue: Extract<Issue, { code: 'invalid_union' }>, data: unknown, base: readonly PropertyKey[]): Issue {
  const at = [...base, ...issue.path];
  const isMissingKey = (i: Issue): boolean => i.path.length === 1 && valueAt(data, [...at, i.path[0]!]) === undefined;
  const branches = issue.errors.filter((b) => b.length > 0);
  // Every branch failed at the union's own level: say which forms exist instead of guessing one.
  if (branches.every((b) => b.every((i) => i.path.length === 0 && i.code === 'invalid_type'))) {
    const expected = [...new Set(branches.flat().map((i) => (i as { expected?: string }).expected ?? '?'))];
    return { ...issue, message: `expected ${expected.join(' or ')}` };
  }
  // Object forms told apart by their key (a step is `install:`, `import:`, …).
  if (branches.every((b) => b.every((i) => isMissingKey(i) || (i.code === 'unrecognized_keys' && i.path.length === 0) || (i.code === 'invalid_type' && i.path.length === 0)))) {
    const found = Object.keys((valueAt(data, at) as object | undefined) ?? {});
    const keys = [...new Set(branches.flat().filter(isMissingKey).map((i) => String(i.path[0])))];
    if (keys.length > 1) return { ...issue, message: `expected exactly one of the keys ${keys.join(', ')}, got ${found.join(', ') || 'none'}` };
  }
  let best: Issue = issue;
  let bestDepth = -1;
  for (const branch of branches) {
    const inner = mostRelevantIssue(branch, data, at);
    const depth = inner.path.length;
    if (depth > bestDepth) {
      bestDepth = depth;
      best = { ...inner, path: [...issue.path, ...inner.path] } as Issue;
    }
  }
  return best;
}

/**
 * `device.mounts[0].path` from a zod path. A key that is not a plain name (a device path, a file
 * name with a dot, an empty key) is quoted in brackets, so the path reads back unambiguously and
 * stays on one line whatever the key holds.
 *
 * @example
 * formatPath(['device', 'files', '/lib/a.py']) // 'device.files["/lib/a.py"]'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (!PLAIN_NAME.test(String(part))) out += `[${JSON.stringify(String(part))}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

const PLAIN_NAME = /^[A-Za-z_][\w-]*$/;

/** A short problem text: zod's message, the offending keys, and the value seen. */
export function describeIssue(issue: Issue, data: unknown): string {
  // A record key that failed its own check: the key is in the field path, so no "got".
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message;
  // Device path messages quote the value themselves, before saying what to write.
  if (issue.code === 'custom' && (issue.params as { devicePath?: boolean } | undefined)?.devicePath) return issue.message;
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (fields are strict: check the spelling)`;
  }
  const message = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  const seen = valueAt(data, issue.path);
  return seen === undefined || /, got /.test(message) ? message : `${message}, got ${JSON.stringify(seen)?.slice(0, 60) ?? String(seen)}`;
}

/** The value at a zod path in the parsed data (undefined when the path leads nowhere). */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}
