// Issue "runs that nothing can break", item 6: text from a package, a server or a binary was
// printed raw by the pretty reporter — a file name like "a\u0001\u001b[2Jb.py" in package.json
// drove the user's terminal or CI log. Every such value now shows its control and bidi characters
// as visible escapes, while the report's own colours still work.
import { describe, expect, it, vi } from 'vitest';

// Colours on, as in CI, so the report's own escape sequences are there to tell apart.
vi.hoisted(() => {
  delete process.env['NO_COLOR'];
  process.env['FORCE_COLOR'] = '1';
});

import pc from 'picocolors';
import { prettyReport } from '../../harness/reporters/prettyReporter.ts';
import { HOSTILE, hostileResult, VISIBLE_IN_TERMINAL as VISIBLE, type HostileClass } from '../support/hostileText.ts';


/** The reporter's own colours: SGR sequences (`ESC [ … m`) it adds around its text. */
const SGR = /\u001b\[[0-9;]*m/g;

/** Code points that must never reach the terminal raw from a value (newlines of the report's own layout aside). */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('the pretty report shows untrusted text as visible escapes', () => {
  it.each(Object.keys(HOSTILE) as HostileClass[])('%s', (cls) => {
    for (const status of ['pass', 'fail', 'error', 'skip'] as const) {
      const report = prettyReport([hostileResult(HOSTILE[cls], status)]);
      expect(report.replace(SGR, '')).not.toMatch(RAW);
    }
    const report = prettyReport([hostileResult(HOSTILE[cls], 'fail')]).replace(SGR, '');
    const v = VISIBLE[cls];
    const lines = report.split('\n');
    expect(report).toContain(`unix:${v} traffic: redirection ${v}`);
    expect(report).toContain(`unix:${v} build: build ${v}`);
    expect(report).toContain(`unix:${v} launcher: launcher ${v}`);
    expect(lines.some((l) => l.startsWith(` ✗ scenario ${v}`))).toBe(true);
    expect(report).toContain(`~ imports: known divergence — divergence ${v}`);
    expect(report).toContain(`+ Copying: /lib/${v}.py`);
    expect(report).toContain(`+ exception: ${v}`);
    expect(report).toContain(`file: /s/${v}.yaml`);
    expect(report).toContain(`GET https://h/${v} → 200`);
    expect(report).toContain(`finding: path-escape: /tmp/${v}`);
  });

  it('a newline in a value never starts a line of the report', () => {
    const report = prettyReport([hostileResult(HOSTILE['LF (a fake line)'], 'fail')]).replace(SGR, '');
    expect(report.split('\n').filter((l) => l.trimStart().startsWith('✓ fake'))).toEqual([]);
  });

  it('an error and a skip show the reason escaped', () => {
    const text = HOSTILE['ESC CSI erase screen'];
    expect(prettyReport([hostileResult(text, 'error')]).replace(SGR, '')).toContain(`/s/a\\x1b[2Jb.yaml: reason a\\x1b[2Jb`);
    expect(prettyReport([hostileResult(text, 'skip')]).replace(SGR, '')).toContain('skipped: reason a\\x1b[2Jb');
  });

  it("keeps the report's own colours", () => {
    expect(pc.isColorSupported).toBe(true);
    const report = prettyReport([hostileResult(HOSTILE['ESC SGR conceal'], 'fail')]);
    expect(report).toContain(pc.red('✗'));
    expect(report).toContain(pc.green('+ Copying: /lib/a\\x1b[8mb.py'));
    expect(report).toContain(pc.dim('     file: /s/a\\x1b[8mb.yaml'));
  });
});
