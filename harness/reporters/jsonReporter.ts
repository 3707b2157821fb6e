import type { ScenarioResult } from '../ScenarioResult.ts';
import { summaryLine } from './prettyReporter.ts';
import { jsonText } from './jsonText.ts';

/** Version of the JSON report layout; bumped only on incompatible changes. */
export const JSON_REPORT_VERSION = 1;

/**
 * The machine-readable report: `{ miprig, summary, results: ScenarioResult[] }`. Every string is
 * kept exactly (JSON.parse gives it back) and the text is well-formed UTF-8 with no raw control or
 * bidi character, whatever a package or a binary sent (see jsonText).
 *
 * @example
 * const report = JSON.parse(jsonReport(results));
 * report.results[0].status; // 'pass'
 */
export function jsonReport(results: readonly ScenarioResult[], extra: Record<string, unknown> = {}, wallMs?: number): string {
  const count = (s: ScenarioResult['status']): number => results.filter((r) => r.status === s).length;
  return (
    jsonText(
      {
        miprig: JSON_REPORT_VERSION,
        summary: {
          passed: count('pass'),
          failed: count('fail'),
          errors: count('error'),
          skipped: count('skip'),
          ...(wallMs !== undefined ? { wallMs: Math.round(wallMs * 10) / 10 } : {}),
          line: summaryLine(results, wallMs),
        },
        ...extra,
        results,
      },
      2,
    ) + '\n'
  );
}
