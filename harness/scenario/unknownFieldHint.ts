import type { z } from 'zod';
import { formatPath, valueAt } from './formatIssue.ts';

type Issue = z.core.$ZodIssue;

/**
 * A better message than "unknown field" for a mistake with a known cause: a package written
 * directly under `world.index` (as if the index were `name → versions`), where the schema wants
 * it under `world.index.packages`. Only a key whose value is a mapping counts (a package is one;
 * of the index's own fields only `packages` is), so a misspelt `url` still gets the spelling
 * message.
 *
 * @example
 * // world: { index: { hello: { versions: … } } }
 * unknownFieldHint(issue, data)
 * // { path: ['world', 'index', 'hello'],
 * //   problem: 'unknown field; packages go under world.index.packages (index: { packages: { hello: … } })' }
 */
export function unknownFieldHint(issue: Issue, data: unknown): { path: PropertyKey[]; problem: string } | undefined {
  if (issue.code !== 'unrecognized_keys' || formatPath(issue.path) !== 'world.index') return undefined;
  const index = valueAt(data, issue.path) as Record<string, unknown> | undefined;
  const name = issue.keys.find((k) => isMapping(index?.[k]));
  if (name === undefined) return undefined;
  return {
    path: [...issue.path, name],
    problem: `unknown field; packages go under world.index.packages (index: { packages: { ${/^[\w.-]+$/.test(name) ? name : JSON.stringify(name)}: … } })`,
  };
}

function isMapping(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
