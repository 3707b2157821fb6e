import type { Expectations } from '../../src/scenario/schema.ts';
import type { CheckResult } from './CheckResult.ts';
import { matchLines } from './matchLines.ts';

type OutputExpectation = NonNullable<Expectations['output']>;

/** Printed lines against `expect.output` (exact, or in order with other lines between). */
export function outputCheck(expected: OutputExpectation, output: readonly string[]): CheckResult {
  return {
    name: 'output',
    pass: matchLines(expected.lines, output, expected.mode),
    expected: expected.lines.map((l) => (typeof l === 'string' ? l : `/${l.regex}/`)),
    actual: output,
  };
}
