import type { Outcome } from './Observation.ts';

const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Iteration)\b(: [^\n]*)?$/;

/**
 * Classify how an install ended from what it printed — the same rule for every backend, so a
 * real binary and the model are judged alike (exit codes are not outcomes: `-m mip` exits 0 on
 * "Package not found", `-m upip` on every install error).
 *
 * @example
 * classifyOutcome(['Installing x (latest) from …', 'Copying: /lib/x.mpy', 'Done']) // { kind: 'done' }
 * classifyOutcome(['Traceback (most recent call last):', 'ValueError: syntax error in JSON'])
 * // { kind: 'exception', line: 'ValueError: syntax error in JSON' }
 */
export function classifyOutcome(lines: readonly string[], timedOut = false): Outcome {
  if (timedOut) return { kind: 'timeout' };
  const tb = lines.lastIndexOf('Traceback (most recent call last):');
  if (tb >= 0) {
    const last = [...lines.slice(tb + 1)].reverse().find((l) => EXCEPTION_LINE.test(l));
    if (last) return { kind: 'exception', line: last };
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line === 'Done') return { kind: 'done' };
    if (line === 'Package may be partially installed') {
      // mpremote puts its reason after that line, on stderr: `mpremote: Package not found: …`.
      return lines.some((l) => l.startsWith('Package not found: ') || l.startsWith('mpremote: Package not found: ')) ? { kind: 'not-found' } : { kind: 'partial' };
    }
    if (line === 'Unable to find lib dir in sys.path' || line.startsWith('mpremote: Unable to find lib dir in sys.path')) return { kind: 'no-lib-dir' };
    if (line.startsWith('Error installing ')) return /: Package not found, /.test(line) ? { kind: 'not-found' } : { kind: 'partial' };
    // upip/micropip `fatal()`: "Error: Unable to resolve … (no Internet?)", then exit 1.
    if (line.startsWith('Error: ')) return { kind: 'partial' };
  }
  // upip and micropip print no closing line: a queue that ran without an error line is done.
  if (lines.some((l) => l.startsWith('Installing to: '))) return { kind: 'done' };
  return { kind: 'none' };
}

/** `done`, `partial`, … or `exception: <line>` — the form reports and expectations use. */
export function formatOutcome(o: Outcome): string {
  return o.kind === 'exception' ? `exception: ${o.line}` : o.kind;
}
