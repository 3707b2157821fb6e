import type { Expectations } from '../../src/scenario/schema.ts';
import type { Observation } from '../observation/Observation.ts';
import type { CheckResult } from './CheckResult.ts';
import { formatOutcome } from '../observation/classifyOutcome.ts';

/** `expect.outcome` against the classified outcome. */
export function outcomeCheck(expected: NonNullable<Expectations['outcome']>, obs: Observation): CheckResult {
  const want = typeof expected === 'string' ? expected : `exception: ${expected.exception}`;
  const got = formatOutcome(obs.outcome);
  return { name: 'outcome', pass: want === got, expected: want, actual: got };
}

/** `expect.exitCode` against the argv form's exit status. */
export function exitCodeCheck(expected: number, obs: Observation): CheckResult {
  return { name: 'exitCode', pass: obs.exitCode === expected, expected, actual: obs.exitCode };
}

/** `expect.imports`: module → frozen | builtin | namespace | device path | exception line. */
export function importsCheck(expected: Record<string, string>, obs: Observation): CheckResult {
  const actual: Record<string, string> = {};
  for (const name of Object.keys(expected)) actual[name] = obs.imports[name] ?? '(not imported)';
  const pass = Object.entries(expected).every(([k, v]) => actual[k] === v);
  return { name: 'imports', pass, expected, actual };
}

/** `expect.decompress`: device path → `ok <bytes>` or the exception line. */
export function decompressCheck(expected: Record<string, string>, obs: Observation): CheckResult {
  const actual: Record<string, string> = {};
  for (const path of Object.keys(expected)) actual[path] = obs.decompress[path] ?? '(not decompressed: add a decompress step)';
  return { name: 'decompress', pass: Object.entries(expected).every(([k, v]) => actual[k] === v), expected, actual };
}

/** `expect.findings`: the kinds of findings the run must report (and no others). */
export function findingsCheck(expected: readonly string[], obs: Observation): CheckResult {
  const kinds = [...new Set(obs.findings.filter((f) => f.kind !== 'unmatched-request').map((f) => f.kind))].sort();
  const want = [...new Set(expected)].sort();
  return { name: 'findings', pass: JSON.stringify(kinds) === JSON.stringify(want), expected: want, actual: obs.findings };
}
