import type { ScenarioResult } from '../ScenarioResult.ts';
import { requestAnswer } from '../checks/parseRequestLine.ts';
import { diffRows } from './htmlDiff.ts';
import { visibleText as v } from './htmlText.ts';

/** What a cell shows: a result's status, or `diverged` for a pass that a known divergence excused. */
export type CellState = 'pass' | 'diverged' | 'fail' | 'error' | 'skip';

export const CELL_STATES: readonly CellState[] = ['pass', 'diverged', 'fail', 'error', 'skip'];

/** One result, drilled down; every string is in its visible form (visibleText). */
export interface DetailView {
  scenario: string;
  file: string;
  backend: string;
  status: ScenarioResult['status'];
  state: CellState;
  reason: string;
  /** [label, value]: outcome, exit code, installer, runtime, time, and the unix backend's notes. */
  facts: Array<[string, string]>;
  /** Failed checks first, then excused ones, then passed ones. `diff`: see diffRows. */
  checks: Array<{ name: string; state: 'fail' | 'excused' | 'pass'; divergence: string; diff: string[] }>;
  /** [method, url, answer] */
  requests: Array<[string, string, string]>;
  /** [path, size, sha256 (12 digits)] */
  files: Array<[string, string, string]>;
  output: string[];
  imports: Array<[string, string]>;
  decompress: Array<[string, string]>;
  findings: Array<[string, string]>;
}

/** A cell: [state, index into `details`, 1 when an excused divergence is in it]. */
export type CellView = [CellState, number, 0 | 1];

export interface RowView {
  name: string;
  file: string;
  /** Indices into MatrixView.tags. */
  tags: number[];
  /** One per column; null where the scenario did not run on that backend. */
  cells: Array<CellView | null>;
}

/** The page's model: rows grouped by folder, columns in order of first appearance. */
export interface MatrixView {
  columns: string[];
  groups: Array<{ name: string; rows: RowView[] }>;
  tags: string[];
  details: DetailView[];
  counts: Record<CellState, number>;
}

/**
 * Lay results out as the scenario × backend matrix: one row per scenario (its file and name),
 * grouped by the scenario's folder (`mip/`, `bugs/`) in order of first appearance, report order
 * within a group; one column per backend in order of first appearance. A second result for a cell
 * that is already taken (two reports of the same backend) gets a column of its own, `name (2)`:
 * every result has exactly one cell.
 *
 * @example
 * const view = matrixView(report.results);
 * view.groups[0].rows[0].cells[0]; // ['pass', 0, 0]
 */
export function matrixView(results: readonly ScenarioResult[]): MatrixView {
  const columns: string[] = [];
  const columnIndex = new Map<string, number>();
  const groups = new Map<string, RowView[]>();
  const rows = new Map<string, RowView>();
  const tags = new Map<string, number>();
  const details: DetailView[] = [];
  const counts: Record<CellState, number> = { pass: 0, diverged: 0, fail: 0, error: 0, skip: 0 };

  for (const r of results) {
    const key = `${r.scenario.file}\u0000${r.scenario.name}`;
    let row = rows.get(key);
    if (!row) {
      const rowTags = [...new Set((r.scenario.tags ?? []).map(v))].map((t) => tags.get(t) ?? tags.set(t, tags.size).get(t)!);
      row = { name: v(r.scenario.name), file: v(r.scenario.file), tags: rowTags, cells: [] };
      rows.set(key, row);
      const group = folderOf(r.scenario.file);
      groups.set(group, [...(groups.get(group) ?? []), row]);
    }
    let column = v(r.backend);
    for (let n = 2; row.cells[columnIndex.get(column) ?? -1]; n++) column = `${v(r.backend)} (${n})`;
    if (!columnIndex.has(column)) {
      columnIndex.set(column, columns.length);
      columns.push(column);
    }
    const detail = detailView(r);
    const excused = r.checks.some((c) => !c.pass && c.knownDivergence !== undefined);
    row.cells[columnIndex.get(column)!] = [detail.state, details.length, excused ? 1 : 0];
    details.push(detail);
    counts[detail.state]++;
  }
  // Rows are padded to every column, so the page can index any cell.
  for (const row of rows.values()) row.cells = columns.map((_, i) => row.cells[i] ?? null);
  return { columns, groups: [...groups].map(([name, rs]) => ({ name, rows: rs })), tags: [...tags.keys()], details, counts };
}

/** `scenarios/mip/x.yaml` → `mip/`; a file with no folder → `./`. */
function folderOf(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length === 1 ? './' : `${v(parts[parts.length - 2]!)}/`;
}

function detailView(r: ScenarioResult): DetailView {
  const failed = (c: ScenarioResult['checks'][number]): 'fail' | 'excused' | 'pass' => (c.pass ? 'pass' : c.knownDivergence !== undefined ? 'excused' : 'fail');
  const order = { fail: 0, excused: 1, pass: 2 };
  const checks = r.checks
    .map((c) => ({ name: v(c.name), state: failed(c), divergence: v(c.knownDivergence?.trim() ?? ''), diff: diffRows(c.expected, c.actual) }))
    .sort((a, b) => order[a.state] - order[b.state]);
  const excused = checks.some((c) => c.state === 'excused');
  const facts: Array<[string, string]> = [
    ['outcome', v(r.outcome)],
    ['exit code', r.exitCode === null ? 'none' : String(r.exitCode)],
    ['installer', r.installer ? v(`${r.installer.name} ${r.installer.version}`) : 'none'],
    ['runtime', v(`MicroPython ${r.runtime.version}`) + (r.runtime.mpy === null ? '' : `, mpy ${r.runtime.mpy}`)],
    ['time', `${r.durationMs} ms`],
  ];
  for (const note of ['redirection', 'build', 'launcher'] as const) {
    const text = r[note];
    if (text) facts.push([note, v(text)]);
  }
  return {
    scenario: v(r.scenario.name),
    file: v(r.scenario.file),
    backend: v(r.backend),
    status: r.status,
    state: r.status === 'pass' && excused ? 'diverged' : r.status,
    reason: v(r.reason),
    facts,
    checks,
    requests: r.requests.map((q) => [v(q.method), v(q.url), v(String(requestAnswer(q)))]),
    files: Object.entries(r.files).map(([p, f]) => [v(p), String(f.size), v(f.sha256.slice(0, 12))]),
    output: r.output.map(v),
    imports: Object.entries(r.imports).map(([m, from]) => [v(m), v(from)]),
    decompress: Object.entries(r.decompress).map(([p, said]) => [v(p), v(said)]),
    findings: r.findings.map((f) => [v(f.kind), v(f.detail)]),
  };
}
