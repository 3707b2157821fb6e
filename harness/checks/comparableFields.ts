import { sha256Hex } from '../../src/world/sha256.ts';
import type { CheckName } from '../../src/scenario/schema.ts';
import type { Observation } from '../observation/Observation.ts';
import { formatOutcome } from '../observation/classifyOutcome.ts';
import { formatRequest } from './parseRequestLine.ts';

/** The fields of an observation two backends are compared on, each as lines. */
export type FieldName = 'files' | 'requests' | 'output' | 'outcome' | 'exitCode' | 'imports' | 'decompress';

/** Which field a check's expectation is about (a divergence names checks; comparisons skip fields). */
export const FIELD_OF_CHECK: Record<CheckName, FieldName | undefined> = {
  files: 'files',
  absent: 'files',
  requests: 'requests',
  world: 'requests',
  output: 'output',
  outcome: 'outcome',
  exitCode: 'exitCode',
  imports: 'imports',
  decompress: 'decompress',
  findings: undefined,
};

/**
 * Every field two backends' observations of one scenario are compared on (by `--backend all`'s
 * table and by the agreement test), as lines: files by path, size and content hash; requests as
 * `GET url → status`; output lines; outcome; exit code; imports; decompress results.
 *
 * @example
 * const a = comparableFields(model), b = comparableFields(real);
 * a.output.join('\n') === b.output.join('\n');
 */
export function comparableFields(o: Observation): Record<FieldName, string[]> {
  return {
    files: [...o.files].map(([p, b]) => `${p} ${b.length}B ${sha256Hex(b).slice(0, 8)}`).sort(),
    requests: o.requests.map(formatRequest),
    output: o.output,
    outcome: [formatOutcome(o.outcome)],
    exitCode: [String(o.exitCode)],
    imports: Object.entries(o.imports).map(([m, v]) => `${m}: ${v}`).sort(),
    decompress: Object.entries(o.decompress).map(([p, v]) => `${p}: ${v}`).sort(),
  };
}
