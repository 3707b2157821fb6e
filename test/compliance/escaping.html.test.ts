// Issue "runs that nothing can break", item 6, for the HTML report: whatever a package, a server or
// a binary sent, the page's markup is only its own (report text cannot open a tag, end an
// attribute, or end the JSON data block), it holds no raw control, bidi, noncharacter or lone
// surrogate, and it shows each string as the terminal does (visible escapes).
import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../harness/reporters/htmlReport.ts';
import { htmlText, jsonInScript, visibleText } from '../../harness/reporters/htmlText.ts';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import { HOSTILE, hostileResult, VISIBLE_IN_TERMINAL, type HostileClass } from '../support/hostileText.ts';

/** What the page shows of each class: what the terminal shows, and noncharacters as escapes too. */
const SHOWN: Record<HostileClass, string> = { ...VISIBLE_IN_TERMINAL, 'U+FFFE': 'a\\ufffeb', 'U+FFFF': 'a\\uffffb' };

/** Code points the page must not hold raw: controls (but the layout's LF), bidi, U+2028/9, noncharacters, lone surrogates. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const markup = (s: string): string => s.replace(/[&<>"']/g, (c) => MARKUP[c]!);

/** The page's elements, counted: report text must add none. */
function elementCount(html: string): number {
  return (html.replace(/<script>[\s\S]*?<\/script>/, '').match(/<[a-z]/gi) ?? []).length;
}

function dataOf(html: string): { rows: Array<{ name: string; file: string }>; details: Array<Record<string, unknown>>; columns: string[] } {
  const blocks = [...html.matchAll(/<script type="application\/json" id="miprig-data">([^<]*)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]![1]!);
}

const page = (results: ScenarioResult[]): string => htmlReport({ miprig: 1, results });

describe('the HTML report is safe for any content', () => {
  const baseline = elementCount(page((['pass', 'fail', 'error', 'skip'] as const).map((s) => hostileResult('x', s))));

  it.each(Object.keys(HOSTILE) as HostileClass[])('%s', (cls) => {
    const v = SHOWN[cls];
    const results = (['pass', 'fail', 'error', 'skip'] as const).map((s) => hostileResult(HOSTILE[cls], s));
    const html = page(results);
    expect(html).not.toMatch(RAW);
    const bytes = new TextEncoder().encode(html);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(html);
    // The same elements as for harmless text: nothing in the data became markup.
    expect(elementCount(html)).toBe(baseline);
    // Shown as the terminal shows it, in the matrix …
    expect(html).toContain(`<div class="name">${markup(`scenario ${v}`)}</div></th>`);
    // (a line may break after the backend's kind: `unix:<wbr>1.22.2`)
    expect(html).toContain(`<th scope="col"><div class="backend">unix:<wbr>${markup(v)}</div></th>`);
    // … and in the drill-down data, which the page's script renders with textContent.
    const data = dataOf(html);
    // One scenario on one backend four times: a column each (see matrixView).
    expect(data.columns).toEqual([`unix:${v}`, `unix:${v} (2)`, `unix:${v} (3)`, `unix:${v} (4)`]);
    const failed = data.details[1]!;
    expect(failed['scenario']).toBe(`scenario ${v}`);
    expect(failed['reason']).toBe(`reason ${v}`);
    expect(failed['output']).toEqual([`Copying: /lib/${v}.py`, v, 'Done']);
    expect(failed['files']).toEqual([[`/lib/${v}.py`, '1', '00']]);
    expect(failed['requests']).toEqual([['GET', `https://h/${v}`, '200']]);
    expect(failed['imports']).toEqual([[`m${v}`, `/lib/${v}.py`]]);
    expect(failed['decompress']).toEqual([[`/${v}.gz`, `OSError: ${v}`]]);
    expect(failed['findings']).toEqual([['path-escape', `/tmp/${v}`]]);
    expect(failed['checks']).toContainEqual({ name: 'imports', state: 'excused', divergence: `divergence ${v}`, diff: [' {}'] });
    expect(failed['facts']).toContainEqual(['launcher', `launcher ${v}`]);
  });

  it('markup, a script end, a comment opener and quotes in every string stay text', () => {
    const evil = `</script><script>alert(1)</script><img src=x onerror=alert(2)><!--<svg onload=alert(3)>"' &amp;`;
    const html = page([hostileResult(evil, 'fail'), hostileResult(evil, 'pass')]);
    expect(elementCount(html)).toBe(elementCount(page([hostileResult('x', 'fail'), hostileResult('x', 'pass')])));
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html).toContain(`title="/s/${htmlText(evil)}.yaml`);
    expect(htmlText(evil)).toBe('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&lt;!--&lt;svg onload=alert(3)&gt;&quot;&#39; &amp;amp;');
    // The data block gives back the exact (visible) strings.
    expect(dataOf(html).details[0]!['scenario']).toBe(`scenario ${evil}`);
  });

  it('jsonInScript writes <, >, &, U+2028/9 and every unsafe code point as \\u escapes, and JSON.parse gives the value back', () => {
    const value = { k: '</script><!--&\u2028\u2029\u202e\u0000\ud800😀' };
    const text = jsonInScript(value);
    expect(text).toBe('{"k":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029\\u202e\\u0000\\ud800😀"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('visibleText and htmlText on any single code point: printable text is kept, the rest is a visible escape, no markup survives', () => {
    for (let code = 0; code <= 0x10ffff; code += code < 0x3000 ? 1 : code < 0xd700 ? 97 : code < 0x10000 ? 1 : 4099) {
      const s = String.fromCodePoint(code);
      const shown = visibleText(s);
      expect(shown).not.toMatch(RAW);
      if (shown !== s) expect(shown).toMatch(/^\\(x[0-9a-f]{2}|u[0-9a-f]{4}|u\{[0-9a-f]+\}|[tnr])$/);
      expect(htmlText(s)).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
      expect(visibleText(shown)).toBe(shown); // idempotent
    }
    for (const s of ['\ud800', '\udc00', '\ud83d']) expect(visibleText(`a${s}b`)).toBe(`a\\u${s.charCodeAt(0).toString(16)}b`);
    expect(visibleText('a\u{1fffe}b')).toBe('a\\u{1fffe}b');
  });
});
