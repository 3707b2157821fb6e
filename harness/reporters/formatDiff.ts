import { diffLines } from 'diff';
import pc from 'picocolors';

function asLines(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n') + '\n';
  if (typeof value === 'string') return value + '\n';
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * A unified-style diff of expected (`-`) vs observed (`+`), indented for the pretty report.
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
