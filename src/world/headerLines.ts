/**
 * The header lines a scenario declares for a response (`world.http` routes, `world.faults`), as
 * the `HeaderLine`s the encoder writes: a map gives `Name: value` lines in declaration order; a
 * list gives its lines byte for byte, so a scenario can send what no HTTP library would
 * (`Location:https://…` without a space, `LOCATION: …`, the same name twice, a line without `:`).
 */
import { headerLine, type HeaderLine } from '../net/wire.ts';
import type { HeaderLinesSpec } from '../scenario/schema.ts';

/**
 * The declared lines, in order.
 *
 * @example
 * headerLines({ 'Retry-After': '5' })           // [['Retry-After', '5']]
 * headerLines(['Location:https://example.com/x']) // [['Location', 'https://example.com/x', ':']]
 */
export function headerLines(spec: HeaderLinesSpec): HeaderLine[] {
  return Array.isArray(spec) ? spec.map(headerLine) : Object.entries(spec);
}

/**
 * `base` without the lines whose names `declared` uses (compared case-insensitively), then
 * `declared`: the declared lines win, and a declared list keeps its own duplicates.
 *
 * @example
 * withHeaders([['Content-Type', 'text/html'], ['X', '1']], [['content-type', 'text/plain']])
 * // [['X', '1'], ['content-type', 'text/plain']]
 */
export function withHeaders(base: readonly HeaderLine[], declared: readonly HeaderLine[]): HeaderLine[] {
  const names = new Set(declared.map(([name]) => name.toLowerCase()));
  return [...base.filter(([name]) => !names.has(name.toLowerCase())), ...declared];
}
