// The HTML report (harness/reporters/htmlReport.ts) read as text: one cell per result with its
// status, the divergence mark, grouping by folder, and a page that loads nothing from anywhere.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../harness/reporters/htmlReport.ts';
import { PAGE_CSS, PAGE_SCRIPT } from '../../harness/reporters/htmlPage.ts';
import { htmlText, visibleText } from '../../harness/reporters/htmlText.ts';
import { matrixView } from '../../harness/reporters/htmlView.ts';
import { diffRows } from '../../harness/reporters/htmlDiff.ts';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import { FAILED_OUTPUT, result, syntheticResults, widened } from './syntheticResults.ts';

const page = (results: ScenarioResult[]): string => htmlReport({ miprig: 1, results });

/** The matrix as the page lays it out: row names, column names, and each cell's attributes. */
function parse(html: string): { rows: string[]; columns: string[]; cells: Map<string, { status: string; state: string; text: string }>; data: { details: unknown[]; rows: unknown[] } } {
  const thead = /<thead>([\s\S]*?)<\/thead>/.exec(html)![1]!;
  // Report text is escaped: every `<` in a cell is the page's markup (a div, a <wbr>).
  const columns = [...thead.matchAll(/<th scope="col">(.*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, ''));
  const rows = [...html.matchAll(/<tr data-row="(\d+)"><th scope="row"[^>]*><div class="name">([^<]*)<\/div><\/th>/g)].map((m, i) => {
    expect(Number(m[1])).toBe(i);
    return m[2]!;
  });
  const cells = new Map<string, { status: string; state: string; text: string }>();
  for (const m of html.matchAll(/<a class="cell" href="#cell=(\d+-\d+)" data-cell="(\d+-\d+)" data-status="(\w+)" data-state="(\w+)" title="[^"]*">([^<]*)<\/a>/g)) {
    expect(m[1]).toBe(m[2]);
    cells.set(m[1]!, { status: m[3]!, state: m[4]!, text: m[5]! });
  }
  const json = /<script type="application\/json" id="miprig-data">([^<]*)<\/script>/.exec(html)![1]!;
  return { rows, columns, cells, data: JSON.parse(json) };
}

describe('htmlReport: the matrix', () => {
  const results = [
    result({ name: 'index install', file: 'scenarios/mip/index.yaml' }),
    result({ name: 'a bug', file: 'scenarios/bugs/b.yaml', status: 'fail', reason: 'output' }),
    result({ name: 'index install', file: 'scenarios/mip/index.yaml', backend: 'unix 1.27.0 (mbedtls)', status: 'skip', reason: 'no binary' }),
    result({ name: 'another mip', file: 'scenarios/mip/other.yaml', backend: 'vm', status: 'error', reason: 'no model' }),
    ...syntheticResults(),
  ];

  it('has one cell per scenario × backend, at its row and column, with its status', () => {
    const { rows, columns, cells } = parse(page(results));
    expect(cells.size).toBe(results.length);
    expect(columns).toEqual(['virtual', 'unix 1.27.0 (mbedtls)', 'vm', 'virtual@1.22.2', 'unix:hostile']);
    for (const r of results) {
      const row = rows.indexOf(htmlText(r.scenario.name));
      const col = columns.indexOf(htmlText(r.backend));
      expect(row, r.scenario.name).toBeGreaterThanOrEqual(0);
      expect(cells.get(`${row}-${col}`)?.status, `${r.scenario.name} on ${r.backend}`).toBe(r.status);
    }
    // A scenario not run on a backend has an empty, non-clickable cell.
    expect(page(results).match(/<td class="none"/g)?.length).toBe(rows.length * columns.length - results.length);
  });

  it('groups rows by folder in order of first appearance, report order within a folder', () => {
    const html = page(results);
    const groups = [...html.matchAll(/<th scope="rowgroup" colspan="6"><span>([^<]*)<\/span>/g)].map((m) => m[1]);
    // The hostile result's file is `/s/</script><img …`: its folder is `<`, escaped.
    expect(groups).toEqual(['mip/ (2)', 'bugs/ (1)', 'synthetic/ (5)', '&lt;/ (1)']);
    expect(parse(html).rows.slice(0, 3)).toEqual(['index install', 'another mip', 'a bug']);
  });

  it('marks a pass that a known divergence excused, and a failure that also excused one', () => {
    const { rows, columns, cells } = parse(page(results));
    const at = (name: string, backend: string) => cells.get(`${rows.indexOf(name)}-${columns.indexOf(backend)}`)!;
    expect(at('synthetic: excused divergence', 'vm')).toEqual({ status: 'pass', state: 'diverged', text: '~ diverges' });
    expect(at('synthetic: fails beside a divergence', 'unix 1.27.0 (mbedtls)')).toEqual({ status: 'fail', state: 'fail', text: '✗ fail ~' });
    expect(at('index install', 'virtual')).toEqual({ status: 'pass', state: 'pass', text: '✓ pass' });
    expect(at('synthetic: no model', 'vm')).toEqual({ status: 'error', state: 'error', text: '! error' });
    expect(at('synthetic: needs a binary', 'virtual@1.22.2')).toEqual({ status: 'skip', state: 'skip', text: '– skip' });
  });

  it('gives a second result for a taken cell (two reports of one backend) a column of its own', () => {
    const twice = [result({ name: 'a' }), result({ name: 'b' }), result({ name: 'a', status: 'fail' })];
    const { columns, cells } = parse(page(twice));
    expect(columns).toEqual(['virtual', 'virtual (2)']);
    expect(cells.size).toBe(3);
    expect(cells.get('0-1')?.status).toBe('fail');
  });

  it('counts results by state in the summary line and the status chips', () => {
    const html = page(results);
    expect(html).toContain('10 results, 9 scenarios × 5 backends: 2 passed (1 with a known divergence), 4 failed, 2 errors, 2 skipped');
    expect(html).toMatch(/data-status="diverged" aria-pressed="false">~ diverges <span class="n">1<\/span>/);
    // Tag chips carry an index; the name is text.
    expect(html).toMatch(/data-tag="\d+" aria-pressed="false">divergence <span class="n">1<\/span>/);
  });

  it('keeps full scenario names: no truncation, however long', () => {
    const long = `a scenario name that goes on ${'and on '.repeat(30)}until it ends here`;
    const { rows } = parse(page([result({ name: long })]));
    expect(rows).toEqual([long]);
  });

  it('embeds the drill-down: checks failed first, each with its diff; the request log; files with a short sha256', () => {
    const { data } = parse(page(syntheticResults()));
    const failed = data.details[0] as { checks: Array<{ name: string; state: string; diff: string[] }>; requests: string[][]; files: string[][]; facts: string[][] };
    expect(failed.checks.map((c) => [c.name, c.state])).toEqual([['output', 'fail'], ['outcome', 'pass']]);
    expect(failed.checks[0]!.diff).toEqual([` ${FAILED_OUTPUT.expected[0]}`, '-Copying: /lib/hello.py', '+Copying: /lib/hello.mpy', ' Done']);
    expect(failed.requests).toEqual([
      ['GET', 'https://micropython.org/pi/v2/package/6/hello/latest.json', '200'],
      ['GET', 'https://micropython.org/pi/v2/file/f8/f8322015', '200'],
      ['GET', 'https://example.com/gone', 'reset'],
    ]);
    expect(failed.files).toEqual([['/lib/hello.mpy', '30', 'f8322015aa0b']]);
    expect(failed.facts).toContainEqual(['build', 'mbedtls; TLS heap per connection 41120 B']);
  });

  it('stays one cell per result at 288 scenarios × 10 backends', () => {
    const nine = [results[0]!, results[1]!, results[3]!, ...syntheticResults()];
    const big = widened(nine, 32, 10);
    const view = matrixView(big);
    expect(view.columns).toHaveLength(10);
    expect(view.groups.reduce((n, g) => n + g.rows.length, 0)).toBe(288);
    expect(parse(page(big)).cells.size).toBe(big.length);
  });
});

/**
 * Every tag of the page with its attribute text (outside the style and script contents). Report
 * text is escaped, so each `<` followed by a letter is markup the page wrote.
 */
function tags(html: string): Array<{ name: string; attributes: Array<[string, string]> }> {
  const markup = html.replace(/(<style>)[\s\S]*?(<\/style>)|(<script[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2$3$4');
  return [...markup.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)].map((m) => {
    // The page quotes every value with "; report text in a value has its quotes escaped.
    const attributes = [...m[2]!.matchAll(/\s([^\s="]+)(?:="([^"]*)")?/g)].map((a): [string, string] => [a[1]!.toLowerCase(), a[2] ?? '']);
    expect(m[2]!.replace(/\s([^\s="]+)(?:="([^"]*)")?/g, '').trim()).toBe('');
    return { name: m[1]!.toLowerCase(), attributes };
  });
}

describe('htmlReport: self-contained', () => {
  const html = page(syntheticResults());

  it('refers to nothing outside the page: no src, every href a fragment, no external CSS or fetch', () => {
    const all = tags(html);
    expect(new Set(all.map((t) => t.name))).toEqual(new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'p', 'span', 'div', 'label', 'input', 'button', 'details', 'summary', 'code', 'main', 'table', 'thead', 'tr', 'th', 'wbr', 'tbody', 'td', 'a', 'aside', 'script']));
    const names = new Set(all.flatMap((t) => t.attributes.map(([n]) => n)));
    expect([...names].filter((n) => ['src', 'srcset', 'action', 'formaction', 'poster', 'data', 'background', 'ping', 'style'].includes(n) || n.startsWith('on'))).toEqual([]);
    const hrefs = all.flatMap((t) => t.attributes.filter(([n]) => n === 'href').map(([, v]) => v));
    expect(hrefs.length).toBe(syntheticResults().length);
    expect(hrefs.every((h) => /^#cell=\d+-\d+$/.test(h))).toBe(true);
    expect(PAGE_CSS).not.toMatch(/url\(|@import|https?:|\/\//);
    expect(PAGE_SCRIPT).not.toMatch(/fetch\(|XMLHttpRequest|import\(|WebSocket|EventSource|sendBeacon|innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    // Outside the JSON data block, no URL at all (the request log's URLs are data, not links).
    const outsideData = html.replace(/<script type="application\/json" id="miprig-data">[^<]*<\/script>/, '');
    expect(outsideData).not.toMatch(/https?:\/\//);
  });

  it('allows exactly its own style and script, by hash, and nothing else', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    const hash = (t: string): string => `'sha256-${createHash('sha256').update(t).digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hash(PAGE_CSS)}`);
    expect(csp).toContain(`script-src ${hash(PAGE_SCRIPT)}`);
    expect(html).toContain(`<style>${PAGE_CSS}</style>`);
    expect(html).toContain(`<script>${PAGE_SCRIPT}</script>`);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    // No inline handler or style attribute the CSP would have to allow.
    expect(tags(html).flatMap((t) => t.attributes.filter(([n]) => n.startsWith('on') || n === 'style'))).toEqual([]);
  });

  it("the page's script is valid JavaScript", () => {
    expect(() => new Function(PAGE_SCRIPT)).not.toThrow();
  });
});

describe('diffRows', () => {
  it('marks lines -, + and space; shows a value with a newline in it on one line', () => {
    expect(diffRows(['a', 'b'], ['a', 'c'])).toEqual([' a', '-b', '+c']);
    expect(diffRows('x\ny', 'x\ny')).toEqual([' x\\ny']);
    expect(diffRows({ k: 1 }, { k: 2 })).toEqual([' {', '-  "k": 1', '+  "k": 2', ' }']);
    expect(diffRows(undefined, 'done')).toEqual(['-undefined', '+done']);
  });

  it('cuts a huge value short, saying so', () => {
    const rows = diffRows([], Array.from({ length: 5000 }, (_, i) => `line ${i}`));
    expect(rows).toHaveLength(2001);
    expect(rows.at(-1)).toMatch(/more lines \(the JSON report has them all\)$/);
  });

  it('writes control and bidi characters as visible escapes', () => {
    expect(diffRows(['a\u202eb'], ['a\u0000b'])).toEqual([`-${visibleText('a\u202eb')}`, '+a\\x00b']);
  });
});
