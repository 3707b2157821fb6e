// Issue "runs that nothing can break", item 6: the JSON report must be well-formed for any
// content. Node's JSON.stringify writes lone surrogates as \uXXXX escapes (ES2019) — checked here,
// not assumed — and the reporter writes DEL, C1, bidi controls and U+2028/9 as escapes too, so the
// report is valid UTF-8, safe to print, and JSON.parse gives back every string exactly.
import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../harness/reporters/jsonReporter.ts';
import { HOSTILE, hostileResult, type HostileClass } from '../support/hostileText.ts';

/** Code points a terminal would act on, or that have no UTF-8 form (lone surrogates). */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('the JSON report is well-formed for any content', () => {
  it('Node writes lone surrogates as escapes (well-formed JSON.stringify), and leaves DEL, C1 and bidi raw', () => {
    expect(JSON.stringify('a\ud800b\udc00c')).toBe('"a\\ud800b\\udc00c"');
    expect(JSON.stringify('😀')).toBe('"😀"');
    expect(JSON.stringify('\u007f\u009b\u202e\u2028')).toBe('"\u007f\u009b\u202e\u2028"');
  });

  it.each(Object.keys(HOSTILE) as HostileClass[])('%s', (cls) => {
    const results = (['pass', 'fail', 'error', 'skip'] as const).map((s) => hostileResult(HOSTILE[cls], s));
    const text = jsonReport(results);
    // Nothing a terminal acts on, nothing without a UTF-8 form; only the layout's newlines.
    expect(text).not.toMatch(RAW);
    // Valid UTF-8: encoding and strict decoding give back the same text.
    const bytes = new TextEncoder().encode(text);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(text);
    // Lossless: every string, keys included, round-trips.
    expect(JSON.parse(text).results).toEqual(JSON.parse(JSON.stringify(results)));
    expect(JSON.parse(text).results[1].output[1]).toBe(HOSTILE[cls]);
    expect(Object.keys(JSON.parse(text).results[1].files)).toEqual([`/lib/${HOSTILE[cls]}.py`]);
  });

  it('writes the extra escapes as \\uXXXX', () => {
    const text = jsonReport([hostileResult('\u007f\u0085\u009b\u061c\u200e\u202e\u2066\u2028\ud800', 'fail')]);
    expect(text).toContain('"reason": "reason \\u007f\\u0085\\u009b\\u061c\\u200e\\u202e\\u2066\\u2028\\ud800"');
  });
});
