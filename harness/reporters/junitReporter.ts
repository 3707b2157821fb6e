import type { ScenarioResult } from '../ScenarioResult.ts';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

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
      const head = `    <testcase classname="${esc(backend)}" name="${esc(r.scenario.name)}" file="${esc(r.scenario.file)}" time="${(r.durationMs / 1000).toFixed(4)}"`;
      if (r.status === 'pass') return `${head}/>`;
      if (r.status === 'skip') return `${head}>\n      <skipped message="${esc(r.reason)}"/>\n    </testcase>`;
      const detail = r.checks
        .filter((c) => !c.pass && !c.knownDivergence)
        .map((c) => `${c.name}\nexpected: ${JSON.stringify(c.expected, null, 2)}\nobserved: ${JSON.stringify(c.actual, null, 2)}`)
        .join('\n\n');
      const tag = r.status === 'error' ? 'error' : 'failure';
      return `${head}>\n      <${tag} message="${esc(r.reason)}">${esc(detail)}</${tag}>\n      <system-out>${esc(r.output.join('\n'))}</system-out>\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="miprig ${esc(backend)}" tests="${rs.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time.toFixed(4)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="miprig">\n${suites.join('\n')}\n</testsuites>\n`;
}
