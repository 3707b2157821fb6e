import pc from 'picocolors';
import type { ScenarioResult } from '../ScenarioResult.ts';
import { formatRequest } from '../checks/parseRequestLine.ts';
import { formatDiff } from './formatDiff.ts';
import { terminalText as t } from './terminalText.ts';

const MARK: Record<ScenarioResult['status'], string> = {
  pass: pc.green('✓'),
  fail: pc.red('✗'),
  error: pc.red('!'),
  skip: pc.yellow('-'),
};

/**
 * Human report: a line per scenario × backend with its time; for a failure, a diff of expected
 * vs observed per failed check and the request log; known divergences shown with their reason.
 * Every value that comes from a scenario, a package, a server or a binary is printed through
 * `terminalText` (`t`): its control and bidi characters show as escapes, and only the report's
 * own colours reach the terminal.
 *
 * @example
 * process.stdout.write(prettyReport(results));
 */
export function prettyReport(results: readonly ScenarioResult[], wallMs?: number): string {
  const out: string[] = [];
  const redirections = new Map<string, string>();
  for (const r of results) if (r.redirection) redirections.set(r.backend, r.redirection);
  for (const [backend, how] of redirections) out.push(pc.dim(`${t(backend)} traffic: ${t(how)}`));
  const builds = new Map<string, string>();
  for (const r of results) if (r.build) builds.set(r.backend, r.build);
  for (const [backend, facts] of builds) out.push(pc.dim(`${t(backend)} build: ${t(facts)}`));
  const launchers = new Map<string, Set<string>>();
  for (const r of results) {
    if (r.launcher) launchers.set(r.backend, (launchers.get(r.backend) ?? new Set<string>()).add(r.launcher));
  }
  for (const [backend, forms] of launchers) for (const form of forms) out.push(pc.dim(`${t(backend)} launcher: ${t(form)}`));
  const width = Math.min(60, Math.max(20, ...results.map((r) => t(r.scenario.name).length)));
  for (const r of results) {
    const time = r.status === 'skip' ? '' : `${r.durationMs.toFixed(r.durationMs < 10 ? 2 : 0)} ms`;
    out.push(` ${MARK[r.status]} ${t(r.scenario.name).padEnd(width)}  ${pc.dim(t(r.backend).padEnd(14))} ${pc.dim(time)}`);
    if (r.status === 'skip') out.push(pc.yellow(`     skipped: ${t(r.reason)}`));
    if (r.status === 'error') out.push(pc.red(`     ${t(r.scenario.file)}: ${t(r.reason)}`));
    for (const c of r.checks) {
      if (c.pass) continue;
      if (c.knownDivergence) {
        out.push(pc.yellow(`     ~ ${t(c.name)}: known divergence — ${t(c.knownDivergence.trim())}`));
        continue;
      }
      if (r.status !== 'fail') continue;
      out.push(pc.red(`     ✗ ${t(c.name)}`) + pc.dim('  (- expected, + observed)'));
      out.push(formatDiff(c.expected, c.actual, '       '));
    }
    if (r.status === 'fail') {
      out.push(pc.dim(`     file: ${t(r.scenario.file)}`));
      out.push(pc.dim('     requests:'));
      for (const q of r.requests) out.push(pc.dim(`       ${t(formatRequest(q))}`));
      if (r.requests.length === 0) out.push(pc.dim('       (none)'));
    }
    for (const f of r.findings) if (f.kind === 'path-escape') out.push(pc.yellow(`     finding: ${f.kind}: ${t(f.detail)}`));
  }
  out.push('');
  out.push(summaryLine(results, wallMs));
  return out.join('\n') + '\n';
}

/**
 * `12 passed, 1 failed, 2 skipped (wall 1.84 s; 3.10 s in scenarios)` — also the last line of the
 * pretty report. The wall time is the run's, start to end (scenarios run in parallel, so the sum
 * of their durations says little); without one, the sum alone.
 */
export function summaryLine(results: readonly ScenarioResult[], wallMs?: number): string {
  const count = (s: ScenarioResult['status']): number => results.filter((r) => r.status === s).length;
  const parts = [`${count('pass')} passed`, `${count('fail')} failed`];
  if (count('error')) parts.push(`${count('error')} errors`);
  if (count('skip')) parts.push(`${count('skip')} skipped`);
  const total = results.reduce((t, r) => t + r.durationMs, 0);
  const time = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
  return `${parts.join(', ')} (${wallMs === undefined ? time(total) : `wall ${time(wallMs)}; ${time(total)} in scenarios`})`;
}
