/**
 * The HTML report's inline stylesheet and script (htmlReport.ts puts them in the page and allows
 * exactly these two by hash in its Content-Security-Policy).
 *
 * The script is plain ES2020 in a string, not a TypeScript function's `toString()`: tsx and
 * vitest transform functions (tsx adds `__name(...)` calls), which would reference helpers the
 * page does not have. It reads the report from the `#miprig-data` JSON block and writes report
 * text only through `textContent`; every string in it is already in its visible form.
 */

export const PAGE_CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --head: #f6f8fa; --focus: #0969da; --panel: clamp(min(24rem, 100vw), 46vw, 52rem); --name: min(390px, 42vw); }
/* A cell scrolled to (deep link, arrow keys) is never under the sticky header row or first column. */
html { scroll-padding-top: 72px; scroll-padding-left: calc(var(--name) + 17px); }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
/* The body is as wide as the matrix; the header stays in view when it scrolls sideways. */
body { margin: 0; width: max-content; min-width: 100%; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { position: sticky; left: 0; width: 100vw; padding: 10px 14px 6px; border-bottom: 1px solid var(--line); }
h1 { font-size: 18px; margin: 0 0 4px; }
.summary { margin: 0 0 6px; font-size: 14px; }
.filters { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
.filters input[type=search] { font: inherit; padding: 3px 6px; width: 22em; max-width: 100%; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.chip { font: inherit; font-size: 12px; padding: 1px 8px; border: 1px solid var(--line); border-radius: 10px; background: #fff; color: var(--fg); cursor: pointer; }
.chip[aria-pressed=true] { background: #0b3d91; border-color: #0b3d91; color: #fff; outline: 2px solid #0b3d91; }
.chip .n { color: var(--muted); }
.chip[aria-pressed=true] .n { color: #dbe7ff; }
details.tags { margin: 6px 0 0; }
details.tags summary { cursor: pointer; color: var(--muted); }
.legend { margin: 6px 0 0; color: var(--muted); font-size: 12px; }
.legend .mark { display: inline-block; padding: 0 5px; border-radius: 3px; margin: 0 2px; }
main { padding: 0 0 40px; }
table.matrix { border-collapse: separate; border-spacing: 0; }
.matrix th, .matrix td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: 0; vertical-align: top; }
.matrix thead th { position: sticky; top: 0; z-index: 2; background: var(--head); padding: 5px 6px; text-align: left; font-weight: 600; vertical-align: bottom; }
.matrix .backend { width: 7.5em; overflow-wrap: break-word; }
.matrix th[scope=row], .matrix thead th.corner { position: sticky; left: 0; z-index: 1; background: #fff; text-align: left; font-weight: normal; padding: 3px 8px; }
.matrix .name { width: var(--name); white-space: normal; overflow-wrap: anywhere; }
.matrix thead th.corner { z-index: 3; background: var(--head); font-weight: 600; }
.matrix tr.group th { position: static; background: #eef1f4; padding: 4px 8px; font-weight: 600; text-align: left; }
.matrix tr.group th span { position: sticky; left: 8px; }
.matrix tr:not(.group):hover th[scope=row] { background: #f3f6fa; }
.matrix tr.selected th[scope=row] { background: #e7efff; }
a.cell { display: block; padding: 3px 6px; color: inherit; text-decoration: none; white-space: nowrap; }
a.cell:focus { outline: none; }
.matrix td:focus-within { outline: 3px solid var(--focus); outline-offset: -3px; }
.matrix td.current { outline: 3px solid #111; outline-offset: -3px; }
.matrix td.dim { opacity: .25; }
td.none { color: #8c959f; padding: 3px 6px; text-align: center; }
.st-pass { background: #dcf3e2; color: #0f5223; }
.st-diverged { background: repeating-linear-gradient(135deg, #dfe9ff 0 6px, #c9d8fb 6px 12px); color: #14306e; }
.st-fail { background: #fcdcdc; color: #7a1111; font-weight: 700; }
.st-error { background: #ffe9b3; color: #5c3a00; font-weight: 700; box-shadow: inset 4px 0 0 #b26b00; }
.st-skip { background: #eceef1; color: #454c55; font-style: italic; }
#empty { padding: 14px; color: var(--muted); }
/* With the panel open, the page makes room for it: every column can still be scrolled into view. */
@media (min-width: 900px) {
  html.panel-open { scroll-padding-right: var(--panel); }
  html.panel-open header { width: calc(100vw - var(--panel)); }
  html.panel-open main { padding-right: var(--panel); }
}
#detail { position: fixed; top: 0; right: 0; bottom: 0; width: var(--panel); z-index: 10; overflow: auto; background: #fff; border-left: 1px solid var(--line); box-shadow: -6px 0 18px rgba(0,0,0,.18); padding: 12px 16px 40px; }
#detail:focus { outline: none; }
#detail h2 { font-size: 16px; margin: 0 34px 2px 0; overflow-wrap: anywhere; }
#detail h3 { font-size: 14px; margin: 16px 0 4px; border-bottom: 1px solid var(--line); padding-bottom: 2px; }
#detail .sub { color: var(--muted); margin: 0 0 8px; overflow-wrap: anywhere; }
#detail .close { position: absolute; top: 8px; right: 10px; font-size: 20px; line-height: 1; padding: 2px 8px; border: 1px solid var(--line); background: #fff; border-radius: 4px; cursor: pointer; }
#detail .badge { display: inline-block; padding: 1px 8px; border-radius: 4px; margin-right: 6px; }
#detail .reason { overflow-wrap: anywhere; white-space: pre-wrap; }
#detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
#detail dt { color: var(--muted); }
#detail dd { margin: 0; overflow-wrap: anywhere; }
#detail table { border-collapse: collapse; width: 100%; font-size: 12px; }
#detail td, #detail th { border-bottom: 1px solid #eaeef2; padding: 2px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
#detail th { color: var(--muted); font-weight: 600; overflow-wrap: normal; white-space: nowrap; }
#detail pre { margin: 4px 0; padding: 6px 8px; background: #f6f8fa; border: 1px solid #eaeef2; border-radius: 4px; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 28em; overflow: auto; }
#detail pre.diff span { display: block; }
#detail .add { background: #dafbe1; color: #0f5223; }
#detail .del { background: #ffebe9; color: #82071e; }
#detail .check { margin: 8px 0; }
#detail .check h4 { margin: 0; font-size: 13px; }
#detail .check.fail h4 { color: #7a1111; }
#detail .check.excused h4 { color: #14306e; }
#detail details.check summary { cursor: pointer; font-weight: 600; }
#detail .empty { color: var(--muted); font-style: italic; margin: 2px 0; }
`;

export const PAGE_SCRIPT = String.raw`
'use strict';
(function () {
  var data = JSON.parse(document.getElementById('miprig-data').textContent);
  var MARK = { pass: '\u2713 pass', diverged: '~ diverges', fail: '\u2717 fail', error: '! error', skip: '\u2013 skip' };
  var rows = data.rows;
  var rowEls = Array.prototype.slice.call(document.querySelectorAll('tr[data-row]'));
  var groupEls = Array.prototype.slice.call(document.querySelectorAll('tbody[data-group]'));
  var panel = document.getElementById('detail');
  var search = document.getElementById('q');
  var shownEl = document.getElementById('shown');
  var emptyEl = document.getElementById('empty');
  var wanted = { statuses: new Set(), tags: new Set(), q: '' };
  var current = null;
  rows.forEach(function (row) { row.search = (row.name + '\n' + row.file).toLowerCase(); });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var links = {};
  document.querySelectorAll('a.cell').forEach(function (a) { links[a.getAttribute('data-cell')] = a; });
  function cellLink(r, c) { return links[r + '-' + c] || null; }

  // Filters: a row stays when it matches the text, has one of the chosen tags and has a cell of
  // one of the chosen statuses (an empty choice is no filter).
  function matches(cell) {
    return cell && (wanted.statuses.has(cell[0]) || (cell[2] === 1 && wanted.statuses.has('diverged')));
  }
  function apply() {
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = (!wanted.q || row.search.indexOf(wanted.q) >= 0)
        && (wanted.tags.size === 0 || row.tags.some(function (t) { return wanted.tags.has(t); }))
        && (wanted.statuses.size === 0 || row.cells.some(matches));
      rowEls[i].hidden = !ok;
      if (ok) shown++;
      row.cells.forEach(function (cell, c) {
        if (!cell) return;
        var a = cellLink(i, c);
        if (a) a.parentNode.classList.toggle('dim', wanted.statuses.size > 0 && !matches(cell));
      });
    });
    groupEls.forEach(function (g) {
      g.hidden = !g.querySelector('tr[data-row]:not([hidden])');
    });
    shownEl.textContent = 'showing ' + shown + ' of ' + rows.length + ' scenarios';
    emptyEl.hidden = shown > 0;
  }
  function toggleChip(button, set, value) {
    var on = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    if (on) set.add(value); else set.delete(value);
    apply();
  }
  document.querySelectorAll('#status-filter .chip').forEach(function (b) {
    b.addEventListener('click', function () { toggleChip(b, wanted.statuses, b.getAttribute('data-status')); });
  });
  document.querySelectorAll('#tag-filter .chip').forEach(function (b) {
    b.addEventListener('click', function () { toggleChip(b, wanted.tags, Number(b.getAttribute('data-tag'))); });
  });
  search.addEventListener('input', function () { wanted.q = search.value.trim().toLowerCase(); apply(); });
  document.getElementById('clear').addEventListener('click', function () {
    wanted.statuses.clear(); wanted.tags.clear(); wanted.q = ''; search.value = '';
    document.querySelectorAll('.chip[aria-pressed=true]').forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    apply();
  });

  // The drill-down panel, built with textContent only.
  function section(title, count) {
    panel.appendChild(el('h3', '', count === undefined ? title : title + ' (' + count + ')'));
  }
  function table(headers, body, emptyText) {
    if (body.length === 0) { panel.appendChild(el('p', 'empty', emptyText)); return; }
    var t = el('table'), head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', '', h)); });
    t.appendChild(el('thead')).appendChild(head);
    var tb = t.appendChild(el('tbody'));
    body.forEach(function (cols) {
      var tr = el('tr');
      cols.forEach(function (c) { tr.appendChild(el('td', '', c)); });
      tb.appendChild(tr);
    });
    panel.appendChild(t);
  }
  function diff(lines) {
    var pre = el('pre', 'diff');
    lines.forEach(function (line) {
      var mark = line.charAt(0);
      pre.appendChild(el('span', mark === '+' ? 'add' : mark === '-' ? 'del' : '', mark + ' ' + line.slice(1)));
    });
    return pre;
  }
  function render(d, r, c) {
    panel.textContent = '';
    var close = el('button', 'close', '\u00d7');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close the details');
    close.addEventListener('click', function () { closePanel(true); });
    panel.appendChild(close);
    var h = el('h2', '', d.scenario);
    h.id = 'detail-title';
    panel.appendChild(h);
    panel.appendChild(el('p', 'sub', d.backend + ' \u00b7 ' + d.file + ' \u00b7 #cell=' + r + '-' + c));
    var status = el('p');
    status.appendChild(el('span', 'badge st-' + d.state, MARK[d.state]));
    status.setAttribute('data-detail-status', d.status);
    if (d.reason) status.appendChild(el('span', 'reason', d.reason));
    panel.appendChild(status);
    var dl = el('dl');
    d.facts.forEach(function (f) { dl.appendChild(el('dt', '', f[0])); dl.appendChild(el('dd', '', f[1])); });
    panel.appendChild(dl);

    var failed = d.checks.filter(function (k) { return k.state !== 'pass'; }).length;
    section('Checks', d.checks.length + ', ' + failed + ' not passed; - expected, + observed');
    if (d.checks.length === 0) panel.appendChild(el('p', 'empty', 'no checks'));
    d.checks.forEach(function (k) {
      var mark = k.state === 'fail' ? '\u2717 ' : k.state === 'excused' ? '~ ' : '\u2713 ';
      var title = mark + k.name + (k.state === 'excused' ? ': known divergence \u2014 ' + k.divergence : k.state === 'pass' ? ' (passed)' : ' (failed)');
      var box;
      if (k.state === 'pass') {
        box = el('details', 'check pass');
        box.appendChild(el('summary', '', title));
      } else {
        box = el('section', 'check ' + k.state);
        box.appendChild(el('h4', '', title));
      }
      box.setAttribute('data-check', k.name);
      box.appendChild(diff(k.diff));
      panel.appendChild(box);
    });

    section('Requests', d.requests.length);
    table(['method', 'url', 'status'], d.requests, 'no request');
    section('Files', d.files.length);
    table(['path', 'size', 'sha256'], d.files, 'no file');
    section('Output', d.output.length + ' lines');
    if (d.output.length) panel.appendChild(el('pre', 'output', d.output.join('\n'))); else panel.appendChild(el('p', 'empty', 'nothing printed'));
    section('Imports', d.imports.length);
    table(['module', 'from'], d.imports, 'no import step');
    section('Decompress', d.decompress.length);
    table(['path', 'result'], d.decompress, 'no decompress step');
    section('Findings', d.findings.length);
    table(['kind', 'detail'], d.findings, 'none');
  }
  function openCell(r, c, focusPanel) {
    var row = rows[r], cell = row && row.cells[c];
    if (!cell) { closePanel(false); return; }
    if (current) current.parentNode.classList.remove('current');
    document.querySelectorAll('tr.selected').forEach(function (t) { t.classList.remove('selected'); });
    current = cellLink(r, c);
    current.parentNode.classList.add('current');
    rowEls[r].classList.add('selected');
    rowEls[r].hidden = false;
    rowEls[r].parentNode.hidden = false;
    render(data.details[cell[1]], r, c);
    panel.hidden = false;
    document.documentElement.classList.add('panel-open');
    panel.scrollTop = 0;
    current.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (focusPanel) panel.focus();
  }
  function closePanel(byUser) {
    panel.hidden = true;
    document.documentElement.classList.remove('panel-open');
    document.querySelectorAll('tr.selected').forEach(function (t) { t.classList.remove('selected'); });
    if (byUser && location.hash) history.replaceState(null, '', location.href.split('#')[0]);
    if (current) {
      current.parentNode.classList.remove('current');
      if (byUser) current.focus();
    }
  }
  // Deep link: #cell=<row>-<col> (rows and columns counted from 0, as the page shows them).
  function fromHash(focusPanel) {
    var m = /^#cell=(\d+)-(\d+)$/.exec(location.hash);
    if (m) openCell(Number(m[1]), Number(m[2]), focusPanel); else if (!panel.hidden) closePanel(false);
  }
  window.addEventListener('hashchange', function () { fromHash(true); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !panel.hidden) { closePanel(true); e.preventDefault(); return; }
    var a = e.target;
    if (!a || !a.classList || !a.classList.contains('cell')) return;
    var at = a.getAttribute('data-cell').split('-').map(Number);
    var next = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      var step = e.key === 'ArrowRight' ? 1 : -1;
      for (var c = at[1] + step; c >= 0 && c < data.columns.length && !next; c += step) next = cellLink(at[0], c);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      var dir = e.key === 'ArrowDown' ? 1 : -1;
      for (var r = at[0] + dir; r >= 0 && r < rows.length && !next; r += dir) {
        if (!rowEls[r].hidden && !rowEls[r].parentNode.hidden) next = cellLink(r, at[1]);
      }
    }
    if (next) { next.focus(); e.preventDefault(); }
  });
  apply();
  fromHash(true);
})();
`;
