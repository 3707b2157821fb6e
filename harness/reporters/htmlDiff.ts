import { diffLines } from 'diff';
import { jsonText } from './jsonText.ts';
import { visibleText } from './htmlText.ts';

/** A check's value can be large (file contents); the page shows this many diff lines of it. */
const MAX_LINES = 2000;

// As formatDiff: a list of strings is one line per string, a string one line, anything else its
// JSON layout. Escaped before diffing, so a newline inside a value never makes a line of its own.
function asText(value: unknown): string {
  const lines =
    Array.isArray(value) && value.every((v) => typeof v === 'string')
      ? value
      : typeof value === 'string'
        ? [value]
        : jsonText(value, 2).split('\n');
  return lines.map(visibleText).join('\n') + '\n';
}

/**
 * Expected vs observed as diff lines for the HTML page, each starting with its mark: `-` expected
 * only, `+` observed only, ` ` both. Every line is already in its visible form (visibleText).
 *
 * @example
 * diffRows(['Done'], ['Package may be partially installed'])
 * // ['-Done', '+Package may be partially installed']
 */
export function diffRows(expected: unknown, actual: unknown): string[] {
  const out: string[] = [];
  for (const part of diffLines(asText(expected), asText(actual))) {
    const mark = part.added ? '+' : part.removed ? '-' : ' ';
    for (const line of part.value.replace(/\n$/, '').split('\n')) out.push(mark + line);
  }
  if (out.length <= MAX_LINES) return out;
  return [...out.slice(0, MAX_LINES), ` … ${out.length - MAX_LINES} more lines (the JSON report has them all)`];
}
