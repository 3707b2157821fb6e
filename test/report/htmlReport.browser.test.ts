// The HTML report in a real browser (Chromium through playwright-core, which downloads nothing):
// the page `miprig report` writes for the shipped scenarios plus synthetic results, opened from
// file://. Cells, drill-down, filters, deep links, keyboard, hostile text; no console error and
// no request but the page itself. Skips, saying why, where Chromium is not installed.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import { visibleText } from '../../harness/reporters/htmlText.ts';
import { jsonReport } from '../../harness/reporters/jsonReporter.ts';
import { miprig } from '../support/miprigCli.ts';
import { syntheticResults, widened } from './syntheticResults.ts';

const CHROMIUM = process.env['MIPRIG_CHROMIUM'] || '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
// Headless, and nothing of its own on the network (no QUIC probe, update, sync or field trials).
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const TITLE = HAVE_CHROMIUM ? 'the HTML report in Chromium' : `skipped: no chromium at ${CHROMIUM}; apt-get install chromium (or set MIPRIG_CHROMIUM)`;

describe.skipIf(!HAVE_CHROMIUM)(TITLE, () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  let url: string;
  let results: ScenarioResult[];
  let real: ScenarioResult[];
  const problems: string[] = [];
  const offPage: string[] = [];

  /** The scenario rows the filters leave. */
  const shownRows = (p: Page): Promise<string[]> =>
    p.$$eval('tr[data-row]', (trs) => trs.filter((tr) => !(tr as HTMLElement).hidden && !(tr.parentElement as HTMLElement).hidden).map((tr) => tr.querySelector('th')!.textContent!));
  const cellOf = (p: Page, name: string, backend: string) =>
    p.evaluate(
      ([n, b]) => {
        const col = Array.from(document.querySelectorAll('thead th')).findIndex((th) => th.textContent === b);
        const tr = Array.from(document.querySelectorAll('tr[data-row]')).find((t) => t.querySelector('th')!.textContent === n)!;
        return `${tr.getAttribute('data-row')}-${col - 1}`;
      },
      [name, backend] as const,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'miprig-html-'));
    const run = await miprig(['run', 'scenarios', '--backend', 'virtual', '--reporter', 'json', '--out', join(dir, 'real.json')]);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('miprig:'))).toEqual([]);
    real = (JSON.parse(readFileSync(join(dir, 'real.json'), 'utf8')) as { results: ScenarioResult[] }).results;
    writeFileSync(join(dir, 'synthetic.json'), jsonReport(syntheticResults()));
    results = [...real, ...syntheticResults()];
    const report = await miprig(['report', join(dir, 'real.json'), join(dir, 'synthetic.json'), '--html', join(dir, 'page.html')]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    url = pathToFileURL(join(dir, 'page.html')).href;

    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 } });
    context.on('request', (r) => {
      if (!r.url().startsWith('file:')) offPage.push(r.url());
    });
    context.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
    context.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has one cell per result, at its scenario and backend, showing its status in words and colour', async () => {
    const cells = await page.$$eval('a.cell', (links) =>
      links.map((a) => {
        const td = a.parentElement!;
        const tr = td.parentElement!;
        const col = Array.from(tr.children).indexOf(td);
        return {
          key: `${tr.querySelector('th')!.textContent}\n${document.querySelectorAll('thead th')[col]!.textContent}`,
          status: a.getAttribute('data-status'),
          state: a.getAttribute('data-state'),
          text: a.textContent,
          colour: getComputedStyle(td).backgroundImage + getComputedStyle(td).backgroundColor,
        };
      }),
    );
    expect(cells).toHaveLength(results.length);
    const byKey = new Map(cells.map((c) => [c.key, c]));
    expect(byKey.size).toBe(results.length);
    for (const r of results) expect(byKey.get(`${visibleText(r.scenario.name)}\n${visibleText(r.backend)}`)?.status, r.scenario.name).toBe(r.status);
    const states = new Map(cells.map((c) => [c.state, c]));
    expect([...states.keys()].sort()).toEqual(['diverged', 'error', 'fail', 'pass', 'skip']);
    expect(new Set([...states.values()].map((c) => c.colour)).size).toBe(5);
    expect(new Set([...states.values()].map((c) => c.text)).size).toBe(5);
    expect(await page.locator('#summary').textContent()).toContain(`${results.length} results`);
  });

  it('a click opens the drill-down: status, reason, facts, failed checks first as diffs, the request log, files, output', async () => {
    const cell = await cellOf(page, 'synthetic: output differs', 'unix 1.27.0 (mbedtls)');
    await page.click(`a.cell[data-cell="${cell}"]`);
    const panel = page.locator('#detail');
    await panel.waitFor({ state: 'visible' });
    expect(new URL(page.url()).hash).toBe(`#cell=${cell}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail');
    expect(await panel.locator('h2').textContent()).toBe('synthetic: output differs');
    expect(await panel.locator('[data-detail-status]').textContent()).toBe('✗ fail1 check failed: output');
    expect(await panel.locator('dl').innerText()).toMatch(/outcome\s+done\s+exit code\s+0\s+installer\s+mip 0\.4\.2/);
    const checks = panel.locator('[data-check]');
    expect(await checks.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-check')} ${e.className}`))).toEqual(['output check fail', 'outcome check pass']);
    const diff = checks.first().locator('pre.diff');
    expect(await diff.locator('.del').allTextContents()).toEqual(['- Copying: /lib/hello.py']);
    expect(await diff.locator('.add').allTextContents()).toEqual(['+ Copying: /lib/hello.mpy']);
    const requests = await panel.locator('table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.split('\t')));
    expect(requests).toEqual([
      ['GET', 'https://micropython.org/pi/v2/package/6/hello/latest.json', '200'],
      ['GET', 'https://micropython.org/pi/v2/file/f8/f8322015', '200'],
      ['GET', 'https://example.com/gone', 'reset'],
    ]);
    const text = await panel.innerText();
    expect(text).toContain('/lib/hello.mpy\t30\tf8322015aa0b');
    expect(text).toContain('Copying: /lib/hello.mpy\nDone');
    expect(text).toContain('/data.gz\tOSError: [Errno 22] EINVAL');
    expect(text).toContain('unmatched-request\tGET https://example.com/gone');
  });

  it('Escape closes it and gives the focus back to the cell; Enter on a focused cell opens one, arrow keys move', async () => {
    const cell = await cellOf(page, 'synthetic: output differs', 'unix 1.27.0 (mbedtls)');
    await page.keyboard.press('Escape');
    expect(await page.locator('#detail').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe(cell);
    // Down from "output differs" is the next synthetic row that ran on the same backend.
    await page.keyboard.press('ArrowDown');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
    expect(next).toBe(await cellOf(page, 'synthetic: fails beside a divergence', 'unix 1.27.0 (mbedtls)'));
    await page.keyboard.press('Enter');
    await page.locator('#detail').waitFor({ state: 'visible' });
    expect(await page.locator('#detail h2').textContent()).toBe('synthetic: fails beside a divergence');
    expect(await page.locator('#detail [data-check]').evaluateAll((els) => els.map((e) => e.className))).toEqual(['check fail', 'check excused']);
    await page.keyboard.press('Escape');
  });

  it('filters hide rows: by status, by tag, by text; the summary says how many are shown', async () => {
    const all = await shownRows(page);
    expect(all).toHaveLength(new Set(results.map((r) => `${r.scenario.file}\n${r.scenario.name}`)).size);

    await page.click('#status-filter .chip[data-status="fail"]');
    const failing = [...new Set(results.filter((r) => r.status === 'fail').map((r) => visibleText(r.scenario.name)))];
    expect((await shownRows(page)).sort()).toEqual(failing.sort());
    expect(await page.locator('#shown').textContent()).toBe(`showing ${failing.length} of ${all.length} scenarios`);
    await page.click('#status-filter .chip[data-status="diverged"]');
    expect(await shownRows(page)).toHaveLength(failing.length + 1 + real.filter((r) => r.checks.some((c) => c.knownDivergence && !c.pass)).length);
    await page.click('#clear');
    expect(await shownRows(page)).toEqual(all);

    await page.locator('#tag-filter .chip', { hasText: /^upip \d+$/ }).click();
    const upip = results.filter((r) => r.scenario.tags.includes('upip')).map((r) => r.scenario.name);
    expect(upip.length).toBeGreaterThan(3);
    expect(await shownRows(page)).toEqual(upip);
    // Only folders with a row left keep their heading.
    const groups = await page.$$eval('tbody[data-group]', (gs) => gs.filter((g) => !(g as HTMLElement).hidden).map((g) => g.querySelector('tr.group')!.textContent));
    expect(groups.length).toBeLessThan(await page.locator('tbody[data-group]').count());
    await page.click('#clear');

    await page.fill('#q', 'GZIP');
    const gzip = results.filter((r) => `${r.scenario.name}\n${r.scenario.file}`.toLowerCase().includes('gzip')).map((r) => r.scenario.name);
    expect(gzip.length).toBeGreaterThan(2);
    expect(await shownRows(page)).toEqual(gzip);
    await page.fill('#q', 'no scenario is called this');
    expect(await shownRows(page)).toEqual([]);
    expect(await page.locator('#empty').isVisible()).toBe(true);
    await page.click('#clear');
    expect(await shownRows(page)).toEqual(all);
  });

  it('a deep link #cell=<row>-<col> opens that drill-down when the page loads', async () => {
    const cell = await cellOf(page, 'synthetic: no model', 'vm');
    const other = await context.newPage();
    await other.goto(`${url}#cell=${cell}`);
    await other.locator('#detail').waitFor({ state: 'visible' });
    expect(await other.locator('#detail h2').textContent()).toBe('synthetic: no model');
    expect(await other.locator('#detail [data-detail-status]').textContent()).toBe('! errorno model of upip 1.19.1 on the vm backend');
    expect(await other.locator(`td.current a[data-cell="${cell}"]`).count()).toBe(1);
    // A link to no cell opens nothing.
    await other.goto(`${url}#cell=9999-0`);
    await other.reload();
    expect(await other.locator('#detail').isHidden()).toBe(true);
    await other.close();
  });

  it('hostile text is shown as text: no element, no script, no reordering', async () => {
    const hostile = syntheticResults().at(-1)!;
    const cell = await cellOf(page, visibleText(hostile.scenario.name), visibleText(hostile.backend));
    await page.click(`a.cell[data-cell="${cell}"]`);
    await page.locator('#detail').waitFor({ state: 'visible' });
    expect(await page.locator('#detail h2').textContent()).toBe(visibleText(hostile.scenario.name));
    expect(await page.locator('#detail h2').textContent()).toContain('</script><img src=x onerror=alert(1)>invoice\\u202egpj.exea\\x00ba\\ud800b<!--');
    expect(await page.evaluate(() => document.querySelectorAll('img, svg, iframe, script:not([id])').length)).toBe(1); // the page's own script
    expect(await page.locator('#detail').innerText()).toContain(`Copying: /lib/${visibleText(hostile.output[1]!)}`.slice(0, 20));
    await page.keyboard.press('Escape');
  });

  it('at three times the shipped scenarios (200+ rows) × 10 backends: header row and first column stay in view, names wrap in full; screenshot with a drill-down open', async () => {
    const big = widened(real, 3, 10);
    expect(big.length / 10).toBeGreaterThanOrEqual(200);
    writeFileSync(join(dir, 'big.json'), jsonReport(big));
    const made = await miprig(['report', join(dir, 'big.json'), '--html', join(dir, 'big.html')]);
    expect(made.code).toBe(0);
    const p = await context.newPage();
    await p.setViewportSize({ width: 1600, height: 1000 });
    await p.goto(pathToFileURL(join(dir, 'big.html')).href);
    expect(await p.locator('a.cell').count()).toBe(big.length);
    expect(await p.locator('thead th').count()).toBe(11);
    await p.evaluate(() => window.scrollTo(600, 4000));
    const header = await p.locator('thead th').nth(3).boundingBox();
    expect(header!.y).toBeLessThanOrEqual(1);
    const firstColumn = await p.locator('tr[data-row="150"] th').boundingBox();
    expect(firstColumn!.x).toBeLessThanOrEqual(1);
    // The longest name, whole, on more than one line.
    const longest = big.map((r) => r.scenario.name).reduce((a, b) => (b.length > a.length ? b : a));
    const th = p.locator('tr[data-row] th', { hasText: longest }).first();
    expect(await th.textContent()).toBe(longest);
    expect((await th.boundingBox())!.height).toBeGreaterThan(30);

    await p.evaluate(() => window.scrollTo(0, 0));
    const fail = p.locator('a.cell[data-state="fail"]').nth(2);
    await fail.click();
    await p.locator('#detail section.check.fail pre.diff').first().waitFor({ state: 'visible' });
    const shot = join(dir, 'miprig-html-shot.png');
    await p.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    const keep = process.env['MIPRIG_SCREENSHOT_DIR'];
    if (keep) copyFileSync(shot, join(keep, 'miprig-html-shot.png'));
    await p.close();
  }, 120_000);

  it('logged no console error or warning, showed no dialog, and asked for nothing but file: URLs', () => {
    expect(problems).toEqual([]);
    expect(offPage).toEqual([]);
  });
});
