import pc from 'picocolors';
import { diffArrays } from 'diff';
import type { Observation } from '../observation/Observation.ts';
import type { ScenarioResult } from '../ScenarioResult.ts';
import { comparableFields, type FieldName } from '../checks/comparableFields.ts';
import { terminalText as t } from './terminalText.ts';

type Run = { result: ScenarioResult; observation: Observation | undefined };

const MARK: Record<ScenarioResult['status'], string> = { pass: '✓', fail: '✗', error: '!', skip: '-' };

/**
 * For `--backend all`: a table scenario × backend, then, per scenario, where the observations
 * of the backends part ways (files, requests, output lines, outcome, exit code, imports, decompress), backends with identical
 * observations grouped together. Names, backends and observed lines are printed through
 * `terminalText` (`t`), so what a package or a binary sent shows as escapes, never as commands.
 *
 * @example
 * process.stdout.write(compareReport(runs));
 */
export function compareReport(runs: readonly Run[]): string {
  const backends = [...new Set(runs.map((r) => r.result.backend))];
  const scenarios = [...new Set(runs.map((r) => r.result.scenario.name))];
  const width = Math.min(48, Math.max(8, ...scenarios.map((s) => t(s).length)));
  const out: string[] = [];
  out.push(`${'scenario'.padEnd(width)}  ${backends.map((b) => t(b).padEnd(Math.max(t(b).length, 3))).join('  ')}`);
  for (const name of scenarios) {
    const cells = backends.map((b) => {
      const r = runs.find((x) => x.result.scenario.name === name && x.result.backend === b);
      const mark = r ? MARK[r.result.status] : ' ';
      return mark.padEnd(Math.max(t(b).length, 3));
    });
    // Cut by code points, after escaping: the cut never leaves half a surrogate pair.
    out.push(`${[...t(name)].slice(0, width).join('').padEnd(width)}  ${cells.join('  ')}`);
  }
  out.push('');
  for (const name of scenarios) {
    const observed = runs.filter((r) => r.result.scenario.name === name && r.observation);
    if (observed.length < 2) continue;
    const lines = differences(observed);
    if (lines.length === 0) continue;
    out.push(pc.bold(t(name)));
    out.push(...lines);
  }
  return out.join('\n') + '\n';
}

const FIELDS: readonly FieldName[] = ['files', 'requests', 'output', 'outcome', 'exitCode', 'imports', 'decompress'];

function differences(observed: readonly Run[]): string[] {
  const out: string[] = [];
  const all = observed.map((r) => ({ backend: r.result.backend, parts: comparableFields(r.observation!) }));
  for (const aspect of FIELDS) {
    const groups = new Map<string, { backends: string[]; lines: string[] }>();
    for (const o of all) {
      const lines = o.parts[aspect];
      const key = lines.join('\n');
      const g = groups.get(key) ?? { backends: [], lines };
      g.backends.push(o.backend);
      groups.set(key, g);
    }
    if (groups.size < 2) continue;
    const [base, ...rest] = [...groups.values()];
    out.push(`  ${aspect}:`);
    for (const g of rest) {
      out.push(pc.dim(`    ${base!.backends.map(t).join(', ')}  vs  ${g.backends.map(t).join(', ')}`));
      for (const part of diffArrays(base!.lines, g.lines)) {
        if (!part.added && !part.removed) continue;
        for (const line of part.value.map(t)) out.push(part.added ? pc.green(`      + ${line}`) : pc.red(`      - ${line}`));
      }
    }
  }
  return out;
}
