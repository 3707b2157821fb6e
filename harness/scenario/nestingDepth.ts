import type { CST } from 'yaml';

/**
 * How deeply mappings and lists sit inside each other, checked twice because depth can come from
 * two places:
 *
 * - the text (`[[[[…` or ever deeper indentation): checked on the parser's token tree, which the
 *   `yaml` package builds without recursion, before the document is composed from it (composing
 *   recurses per level and would overflow the stack);
 * - aliases (`*a` inside a list that is itself aliased, or inside its own anchor, `&a [*a]`):
 *   checked on the parsed value, where an alias is the same object seen again — a value that
 *   contains itself never ends, and every later stage (the schema, JSON output) would recurse
 *   forever.
 *
 * Both walks stop at `limit + 1` levels, so their own recursion is bounded by the limit.
 */

/**
 * The offset of the first collection in a parsed token stream (`new Parser().parse(text)`) that is
 * nested deeper than `limit` (the top-level mapping is level 1), or undefined when none is.
 *
 * @example
 * tooDeepInTokens([...new Parser().parse('a: [[[1]]]\n')], 3) // 5 (the innermost "[")
 * tooDeepInTokens([...new Parser().parse('a: [[[1]]]\n')], 4) // undefined
 */
export function tooDeepInTokens(tokens: Iterable<CST.Token>, limit: number): number | undefined {
  for (const token of tokens) {
    if (token.type !== 'document' || !token.value) continue;
    const found = tooDeepToken(token.value, 1, limit);
    if (found !== undefined) return found;
  }
  return undefined;
}

function tooDeepToken(token: CST.Token, level: number, limit: number): number | undefined {
  if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') return undefined;
  if (level > limit) return token.offset;
  for (const item of token.items) {
    for (const inner of [item.key, item.value]) {
      if (!inner) continue;
      const found = tooDeepToken(inner, level + 1, limit);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** What is wrong with a parsed value's shape, and where (a path of keys and indexes). */
export type ValueNestingProblem = { kind: 'cycle' | 'too-deep'; path: PropertyKey[] };

/**
 * A value (as `Document.toJS()` gives it, aliases being shared objects) that contains itself, or
 * is nested deeper than `limit`; undefined when it is a finite tree within the limit. Shared
 * objects are measured once, so a value built from many aliases is checked in linear time.
 *
 * @example
 * const a: unknown[] = [1]; a.push(a);
 * valueNestingProblem({ x: a }, 100) // { kind: 'cycle', path: ['x', 1] }
 */
export function valueNestingProblem(value: unknown, limit: number): ValueNestingProblem | undefined {
  const heights = new WeakMap<object, number>();
  const onPath = new Set<object>();
  let problem: ValueNestingProblem | undefined;

  // The height of `node` (1 for a collection of scalars), or -1 once a problem is found.
  const walk = (node: unknown, path: PropertyKey[], level: number): number => {
    if (node === null || typeof node !== 'object') return 0;
    if (onPath.has(node)) {
      problem = { kind: 'cycle', path };
      return -1;
    }
    const known = heights.get(node);
    if (known !== undefined && level + known - 1 <= limit) return known;
    if (level > limit) {
      problem = { kind: 'too-deep', path };
      return -1;
    }
    onPath.add(node);
    let height = 0;
    const entries: Iterable<[PropertyKey, unknown]> = Array.isArray(node) ? node.entries() : Object.entries(node);
    for (const [key, child] of entries) {
      const h = walk(child, [...path, key], level + 1);
      if (h < 0) return -1;
      height = Math.max(height, h);
    }
    onPath.delete(node);
    heights.set(node, height + 1);
    return height + 1;
  };

  walk(value, [], 1);
  return problem;
}
