import type { ScenarioResult } from '../ScenarioResult.ts';
import { jsonText } from './jsonText.ts';
import { terminalText } from './terminalText.ts';
import { xmlAttribute, xmlText } from './xmlText.ts';

// Dashboards show these values to people and logs pass them to terminals: each untrusted value
// gets the terminal's visible escapes first (no control, bidi or fake line survives), then XML's.
const attr = (s: string): string => xmlAttribute(terminalText(s));

/**
 * JUnit XML for CI dashboards: one `<testsuite>` per backend, one `<testcase>` per scenario.
 *
 * @example
 * await writeFile('miprig.xml', junitReport(results));
 */
export function junitReport(results: readonly ScenarioResult[]): string {
  const byBackend = new Map<string, ScenarioResult[]>();
  for (const r of results) byBackend.set(r.backend, [...(byBackend.get(r.backend) ?? []), r]);
  const suites: string[] = [];
  for (const [backend, rs] of byBackend) {
    const failures = rs.filter((r) => r.status === 'fail').length;
    const errors = rs.filter((r) => r.status === 'error').length;
    const skipped = rs.filter((r) => r.status === 'skip').length;
    const time = rs.reduce((t, r) => t + r.durationMs, 0) / 1000;
    const cases = rs.map((r) => {
      const head = `    <testcase classname="${attr(backend)}" name="${attr(r.scenario.name)}" file="${attr(r.scenario.file)}" time="${(r.durationMs / 1000).toFixed(4)}"`;
      if (r.status === 'pass') return `${head}/>`;
      if (r.status === 'skip') return `${head}>\n      <skipped message="${attr(r.reason)}"/>\n    </testcase>`;
      const detail = r.checks
        .filter((c) => !c.pass && !c.knownDivergence)
        .map((c) => `${terminalText(c.name)}\nexpected: ${jsonText(c.expected, 2)}\nobserved: ${jsonText(c.actual, 2)}`)
        .join('\n\n');
      const tag = r.status === 'error' ? 'error' : 'failure';
      return `${head}>\n      <${tag} message="${attr(r.reason)}">${xmlText(detail)}</${tag}>\n      <system-out>${xmlText(r.output.map(terminalText).join('\n'))}</system-out>\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="miprig ${attr(backend)}" tests="${rs.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time.toFixed(4)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="miprig">\n${suites.join('\n')}\n</testsuites>\n`;
}
