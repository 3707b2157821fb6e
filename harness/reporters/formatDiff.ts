import { diffLines } from 'diff';
import pc from 'picocolors';
import { jsonText } from './jsonText.ts';
import { terminalText } from './terminalText.ts';

// Escaped before diffing: a newline inside one value shows as `\n` and never makes a line of its
// own, and the only line breaks are those between values (or of the JSON layout).
function asLines(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map(terminalText).join('\n') + '\n';
  if (typeof value === 'string') return terminalText(value) + '\n';
  return jsonText(value, 2) + '\n';
}

/**
 * A unified-style diff of expected (`-`) vs observed (`+`), indented for the pretty report. The
 * values may hold anything a package or a binary sent: they are shown through `terminalText`
 * (lists of lines, strings) or `jsonText` (anything else), so no control character is printed.
 *
 * @example
 * formatDiff(['Done'], ['Package may be partially installed'], '      ')
 */
export function formatDiff(expected: unknown, actual: unknown, indent = ''): string {
  const parts = diffLines(asLines(expected), asLines(actual));
  const out: string[] = [];
  for (const part of parts) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const line of lines) {
      if (part.added) out.push(indent + pc.green(`+ ${line}`));
      else if (part.removed) out.push(indent + pc.red(`- ${line}`));
      else out.push(indent + pc.dim(`  ${line}`));
    }
  }
  return out.join('\n');
}
