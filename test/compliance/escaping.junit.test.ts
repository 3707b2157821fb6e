// Issue "runs that nothing can break", item 6: the JUnit report was not well-formed when content
// held U+FFFE (control characters were silently dropped). Any content now yields XML a strict
// parser accepts, every value shown as the terminal would show it (visible escapes), no CDATA.
import { describe, expect, it } from 'vitest';
import { junitReport } from '../../harness/reporters/junitReporter.ts';
import { xmlAttribute, xmlText } from '../../harness/reporters/xmlText.ts';
import { HOSTILE, hostileResult, VISIBLE_IN_TERMINAL, type HostileClass } from '../support/hostileText.ts';
import { elements, parseXml, textOf } from '../support/strictXml.ts';

/**
 * What a CI dashboard shows for each class once the XML is parsed: what the terminal shows, except
 * that U+FFFE and U+FFFF, which XML forbids, are visible escapes too.
 */
const SHOWN: Record<HostileClass, string> = { ...VISIBLE_IN_TERMINAL, 'U+FFFE': 'a\\ufffeb', 'U+FFFF': 'a\\uffffb' };

describe('the JUnit report is well-formed XML for any content', () => {
  it.each(Object.keys(HOSTILE) as HostileClass[])('%s', (cls) => {
    const v = SHOWN[cls];
    const xml = junitReport([hostileResult(HOSTILE[cls], 'fail'), hostileResult(HOSTILE[cls], 'skip'), hostileResult(HOSTILE[cls], 'error')]);
    expect(xml).not.toContain('<![CDATA[');
    const root = parseXml(xml);
    const [suite] = elements(root, 'testsuite');
    expect(suite!.attributes['name']).toBe(`miprig unix:${v}`);
    const [failed, skipped, errored] = elements(root, 'testcase');
    expect(failed!.attributes).toMatchObject({ classname: `unix:${v}`, name: `scenario ${v}`, file: `/s/${v}.yaml` });
    const failure = elements(failed!, 'failure')[0]!;
    expect(failure.attributes['message']).toBe(`reason ${v}`);
    expect(textOf(failure)).toContain('output\nexpected: [\n');
    expect(textOf(elements(failed!, 'system-out')[0]!)).toBe(`Copying: /lib/${v}.py\n${v}\nDone`);
    expect(elements(skipped!, 'skipped')[0]!.attributes['message']).toBe(`reason ${v}`);
    expect(elements(errored!, 'error')[0]!.attributes['message']).toBe(`reason ${v}`);
  });

  it('the failure detail keeps the JSON form of each value (escaped, parseable)', () => {
    const xml = junitReport([hostileResult(HOSTILE['U+FFFE'], 'fail')]);
    const detail = textOf(elements(parseXml(xml), 'failure')[0]!);
    const files = detail.split('\n\n').find((block) => block.startsWith('files\n'))!;
    // U+FFFE is shown as the escape \ufffe, which is also how JSON writes it: the value comes back.
    expect(JSON.parse(files.split('\nobserved: ')[1]!)).toEqual({ '/lib/a\ufffeb.py': 'a\ufffeb' });
  });

  it('the strict check rejects what the reporter used to write', () => {
    expect(() => parseXml('<a>x\ufffey</a>')).toThrow(/U\+fffe is not an XML 1\.0 Char/);
    expect(() => parseXml('<a>x\ud800y</a>')).toThrow(/U\+d800/);
    expect(() => parseXml('<a>x]]>y</a>')).toThrow(/"]]>" in text/);
    expect(() => parseXml('<a b="x<y"/>')).toThrow(/"<" in an attribute/);
    expect(() => parseXml('<a>&#1;</a>')).toThrow(/not a Char/);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/undeclared entity/);
    expect(parseXml('<a>x😀y\u0085</a>').children).toEqual(['x😀y\u0085']);
  });
});

describe('xmlText and xmlAttribute on their own', () => {
  it('escape markup, keep tab and LF in text, reference CR, and show forbidden code points (and DEL, C1) as escapes', () => {
    expect(xmlText('a]]>b<&"\'')).toBe('a]]&gt;b&lt;&amp;&quot;&apos;');
    expect(xmlText('a\tb\nc\rd')).toBe('a\tb\nc&#13;d');
    expect(xmlText('\u0000\u0008\u000b\u000c\u001f\u007f\u0080\u009f\udfff\ud800\ufffe\uffff😀')).toBe('\\x00\\x08\\x0b\\x0c\\x1f\\x7f\\x80\\x9f\\udfff\\ud800\\ufffe\\uffff😀');
    expect(xmlAttribute('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('a document of any single code point, as text and as an attribute, parses back to the same string where XML allows it', () => {
    for (let code = 0; code <= 0x10ffff; code += code < 0x3000 ? 1 : code < 0xd700 ? 97 : code < 0x10000 ? 1 : 4099) {
      const s = String.fromCharCode(...(code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code]));
      const el = parseXml(`<a v="${xmlAttribute(s)}">${xmlText(s)}</a>`);
      const allowed = !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/u.test(s);
      if (allowed) {
        expect(el.attributes['v']).toBe(s);
        expect(textOf(el)).toBe(s);
      } else {
        expect(textOf(el)).toMatch(/^\\(x[0-9a-f]{2}|u[0-9a-f]{4})$/);
      }
    }
  });
});
