// Issue "runs that nothing can break", item 6: the `--backend all` table prints scenario names,
// backend names and the observed lines where backends part ways — all of it from packages,
// servers and binaries. They show as visible escapes; the table's own colours stay.
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  delete process.env['NO_COLOR'];
  process.env['FORCE_COLOR'] = '1';
});

import pc from 'picocolors';
import { compareReport } from '../../harness/reporters/compareReport.ts';
import { HOSTILE, hostileRun, type HostileClass } from '../support/hostileText.ts';

const SGR = /\u001b\[[0-9;]*m/g;
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('the --backend all table shows untrusted text as visible escapes', () => {
  it.each(Object.keys(HOSTILE) as HostileClass[])('%s', (cls) => {
    const text = HOSTILE[cls];
    // Two backends that part ways on every aspect: one observed the hostile text, one did not.
    const report = compareReport([hostileRun(text, `virtual${text}`, text), hostileRun(text, 'unix:1.27.0', 'plain')]);
    expect(report.replace(SGR, '')).not.toMatch(RAW);
  });

  it('shows the escapes in the names, the backends and each differing line', () => {
    const text = HOSTILE['ESC CSI erase screen'];
    const report = compareReport([hostileRun(text, `virtual${text}`, text), hostileRun(text, 'unix:1.27.0', 'plain')]).replace(SGR, '');
    const v = 'a\\x1b[2Jb';
    expect(report).toMatch(/^scenario +virtuala\\x1b\[2Jb  unix:1\.27\.0$/m);
    expect(report).toMatch(/^scenario a\\x1b\[2Jb +✗ +✗/m);
    expect(report).toContain(`    virtual${v}  vs  unix:1.27.0`);
    expect(report).toContain(`      - /lib/${v}.py 6B `);
    expect(report).toContain(`      - GET https://h/${v} → 200`);
    expect(report).toContain(`      - Copying: /lib/${v}.py`);
    expect(report).toContain(`      - m${v}: /lib/${v}.py`);
    expect(report).toContain(`      - /${v}.gz: OSError: ${v}`);
  });

  it('cuts a long name by code points, never leaving half a surrogate pair', () => {
    const name = `${'x'.repeat(47)}😀😀`;
    const run = (backend: string, observed: string) => {
      const r = hostileRun('', backend, observed);
      return { ...r, result: { ...r.result, scenario: { name, file: 's.yaml', tags: [] } } };
    };
    const report = compareReport([run('virtual', 'a'), run('unix:1.27.0', 'b')]).replace(SGR, '');
    expect(report).not.toMatch(RAW);
    expect(report).toContain(`${'x'.repeat(47)}😀  ✗`);
  });

  it("keeps the table's own colours", () => {
    expect(pc.isColorSupported).toBe(true);
    const report = compareReport([hostileRun('a\u001b[8mb', 'virtual', 'a\u001b[8mb'), hostileRun('a\u001b[8mb', 'unix:1.27.0', 'plain')]);
    expect(report).toContain(pc.red('      - Copying: /lib/a\\x1b[8mb.py'));
    expect(report).toContain(pc.green('      + Copying: /lib/plain.py'));
  });
});
