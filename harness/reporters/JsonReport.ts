import type { ScenarioResult } from '../ScenarioResult.ts';

/**
 * The JSON report as read back (`miprig run --reporter json`, see jsonReporter.ts): what
 * `miprig report` and the HTML page take. `summary` is the writer's; readers recount from
 * `results`.
 *
 * @example
 * const report = JSON.parse(readFileSync('r.json', 'utf8')) as JsonReport;
 */
export interface JsonReport {
  miprig: number;
  summary?: { passed?: number; failed?: number; errors?: number; skipped?: number; wallMs?: number; line?: string };
  results: ScenarioResult[];
}
