// Issue "mpremote mip, resources, and a corpus of public bug reports", item 4: scenarios/bugs holds
// at least 25 scenarios, one file per public report, each citing it. (Each also runs in the
// shipped-scenario suites: on the virtual device, and on every real binary given.)
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAll } from '../../harness/cli/loadAll.ts';

const bugs = await loadAll(['scenarios/bugs']).catch(() => []);

describe('the public bug corpus', () => {
  it('has at least 25 reports', () => {
    expect(bugs.length).toBeGreaterThanOrEqual(25);
  });
  for (const bug of bugs) {
    it(`${basename(bug.file)} cites a public report and says what the user saw`, () => {
      expect(bug.spec.refs.some((r) => /^https:\/\/\S+$/.test(String(r)))).toBe(true);
      expect(bug.spec.description.trim().length).toBeGreaterThan(40);
      expect(bug.spec.tags).toContain('bug');
    });
  }
  it('one file per report: no report is cited by two files', () => {
    const cited = bugs.flatMap((b) => b.spec.refs.map(String).filter((r) => r.startsWith('https://')).slice(0, 1));
    expect(new Set(cited).size).toBe(cited.length);
  });
});
