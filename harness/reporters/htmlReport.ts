import { createHash } from 'node:crypto';
import type { JsonReport } from './JsonReport.ts';
import { PAGE_CSS, PAGE_SCRIPT } from './htmlPage.ts';
import { htmlText as h, jsonInScript } from './htmlText.ts';
import { CELL_STATES, matrixView, type CellState, type CellView, type MatrixView } from './htmlView.ts';

/** A cell's symbol and word: readable without its colour. */
const MARK: Record<CellState, string> = { pass: '✓ pass', diverged: '~ diverges', fail: '✗ fail', error: '! error', skip: '– skip' };

const LEGEND: Record<CellState, string> = {
  pass: 'every check passed',
  diverged: 'passed, but a check failed that the scenario names as a known divergence',
  fail: 'a check failed',
  error: 'the run could not happen',
  skip: 'not run here',
};

/**
 * The version matrix as one self-contained HTML page: rows are scenarios (grouped by folder),
 * columns are backends, each cell a link that opens the result's drill-down (status, reason,
 * outcome, request log, files, output, checks as diffs); filters by tag, status and name; deep
 * links `#cell=<row>-<col>`. No external resource: inline CSS and script, allowed by hash in a
 * Content-Security-Policy that allows nothing else (no fetch, no image, no other script).
 * Every report string is untrusted: the matrix is escaped HTML (htmlText), the drill-down data a
 * JSON block the script renders with textContent only.
 *
 * @example
 * const report = JSON.parse(readFileSync('r.json', 'utf8')) as JsonReport;
 * writeFileSync('r.html', htmlReport(report));
 */
export function htmlReport(report: JsonReport): string {
  const view = matrixView(report.results);
  const data = {
    columns: view.columns,
    rows: view.groups.flatMap((g) => g.rows.map((r) => ({ name: r.name, file: r.file, tags: r.tags, cells: r.cells }))),
    details: view.details,
  };
  const csp = [
    "default-src 'none'",
    `style-src '${sha256(PAGE_CSS)}'`,
    `script-src '${sha256(PAGE_SCRIPT)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>miprig report: ${h(countsLine(view))}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>miprig report</h1>
<p class="summary" id="summary">${h(summaryText(view))} · <span id="shown">showing ${data.rows.length} of ${data.rows.length} scenarios</span></p>
<div class="filters">
<label>Search <input id="q" type="search" placeholder="scenario name or file" autocomplete="off"></label>
<div class="chips" id="status-filter" role="group" aria-label="Filter by status">${CELL_STATES.map(
    (s) => `<button type="button" class="chip st-${s}" data-status="${s}" aria-pressed="false">${MARK[s]} <span class="n">${view.counts[s]}</span></button>`,
  ).join('')}</div>
<button type="button" class="chip" id="clear">Clear filters</button>
</div>
${tagFilter(view)}
<p class="legend">${CELL_STATES.map((s) => `<span class="mark st-${s}">${MARK[s]}</span> ${LEGEND[s]}`).join(' · ')}. Click a cell (or Tab to it, Enter; arrow keys move) for its details; link one with <code>#cell=row-col</code>.</p>
</header>
<main>
${matrixTable(view)}
<p id="empty" hidden>No scenario matches the filters.</p>
</main>
<aside id="detail" hidden tabindex="-1" aria-labelledby="detail-title" aria-live="polite"></aside>
<script type="application/json" id="miprig-data">${jsonInScript(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function matrixTable(view: MatrixView): string {
  const out: string[] = ['<table class="matrix">', '<thead><tr><th scope="col" class="corner"><div class="name">Scenario</div></th>'];
  // A backend name may break after `@` (`virtual@<wbr>1.22.2`) rather than inside its version.
  for (const c of view.columns) out.push(`<th scope="col"><div class="backend">${h(c).replace(/^[^:@]*[:@]/, '$&<wbr>')}</div></th>`);
  out.push('</tr></thead>');
  let rowIndex = 0;
  view.groups.forEach((g, gi) => {
    out.push(`<tbody data-group="${gi}"><tr class="group"><th scope="rowgroup" colspan="${view.columns.length + 1}"><span>${h(g.name)} (${g.rows.length})</span></th></tr>`);
    for (const row of g.rows) {
      const r = rowIndex++;
      const tags = row.tags.map((t) => view.tags[t]!).join(', ');
      // Widths are on a block inside the cell: a table ignores min-width on its cells.
      out.push(`<tr data-row="${r}"><th scope="row" title="${h(row.file)}${tags ? h(` · tags: ${tags}`) : ''}"><div class="name">${h(row.name)}</div></th>`);
      row.cells.forEach((cell, c) => out.push(cellHtml(cell, r, c, view)));
      out.push('</tr>');
    }
    out.push('</tbody>');
  });
  out.push('</table>');
  return out.join('\n');
}

function cellHtml(cell: CellView | null, r: number, c: number, view: MatrixView): string {
  if (!cell) return '<td class="none" title="not run on this backend">·</td>';
  const [state, detail, excused] = cell;
  const d = view.details[detail]!;
  // A fail or an error that also excused a divergence keeps its status and adds the mark.
  const text = MARK[state] + (excused && state !== 'diverged' ? ' ~' : '');
  const title = `${d.backend}: ${MARK[state]}${d.reason ? ` — ${d.reason.length > 300 ? `${d.reason.slice(0, 300)}…` : d.reason}` : ''}`;
  // The colour is the cell's (it fills a row of two lines); the link is what is clicked and focused.
  return `<td class="st-${state}"><a class="cell" href="#cell=${r}-${c}" data-cell="${r}-${c}" data-status="${d.status}" data-state="${state}" title="${h(title)}">${text}</a></td>`;
}

function tagFilter(view: MatrixView): string {
  if (view.tags.length === 0) return '';
  const count = new Array<number>(view.tags.length).fill(0);
  for (const g of view.groups) for (const r of g.rows) for (const t of r.tags) count[t]!++;
  const order = view.tags.map((_, i) => i).sort((a, b) => view.tags[a]!.localeCompare(view.tags[b]!));
  const chips = order.map((i) => `<button type="button" class="chip" data-tag="${i}" aria-pressed="false">${h(view.tags[i]!)} <span class="n">${count[i]}</span></button>`);
  return `<details class="tags" open><summary>Tags (${view.tags.length}): a row shows when it has any chosen tag</summary><div class="chips" id="tag-filter" role="group" aria-label="Filter by tag">${chips.join('')}</div></details>`;
}

function countsLine(view: MatrixView): string {
  const c = view.counts;
  const parts = [`${c.pass + c.diverged} passed`, `${c.fail} failed`];
  if (c.error) parts.push(`${c.error} errors`);
  if (c.skip) parts.push(`${c.skip} skipped`);
  return parts.join(', ');
}

function summaryText(view: MatrixView): string {
  const rows = view.groups.reduce((n, g) => n + g.rows.length, 0);
  const c = view.counts;
  const diverged = c.diverged ? ` (${c.diverged} with a known divergence)` : '';
  const results = view.details.length;
  return `${results} results, ${rows} scenarios × ${view.columns.length} backend${view.columns.length === 1 ? '' : 's'}: ${c.pass + c.diverged} passed${diverged}, ${c.fail} failed, ${c.error} errors, ${c.skip} skipped`;
}

/** A CSP source for an inline element's exact text. */
function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
