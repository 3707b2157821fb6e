// A large virtual run loads and runs its scenarios in worker threads (harness/parallel/); the
// report must be the one a single thread gives, timing aside: same results, same order, same
// summary — and a bad file is still one line naming it, exit 2.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { miprig } from '../support/miprigCli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'miprig-corpus-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped corpus twice (over the 150 files from which threads are used), names made unique. */
function corpus(): string {
  const root = join(dir, 'corpus');
  for (const copy of ['a', 'b']) cpSync(join(ROOT, 'scenarios'), join(root, copy), { recursive: true });
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  for (const file of walk(root).filter((f) => f.endsWith('.yaml') && f.includes('/b/'))) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: (.+)$/m, 'name: $1 (b)').replace(/^name: (["'])(.*)\1 \(b\)$/m, 'name: $1$2 (b)$1'));
  }
  return root;
}


/** A report without what only the clock decides. */
function untimed(file: string): unknown {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { summary: Record<string, unknown>; results: Array<Record<string, unknown>> };
  delete report.summary['wallMs'];
  report.summary['line'] = String(report.summary['line']).replace(/ \(wall .*\)$/, '');
  for (const r of report.results) delete r['durationMs'];
  return report;
}

describe('a large virtual run in worker threads', () => {
  const root = corpus();
  it('gives the report one thread gives, timing aside', { timeout: 180_000 }, async () => {
    const [one, two] = [join(dir, 'one.json'), join(dir, 'two.json')];
    const [a, b] = await Promise.all([
      miprig(['run', root, '--jobs', '1', '--reporter', 'json', '--out', one]),
      miprig(['run', root, '--jobs', '3', '--reporter', 'json', '--out', two]),
    ]);
    expect([a.code, b.code], a.stderr.slice(-2000) + b.stderr.slice(-2000)).toEqual([0, 0]);
    const single = untimed(one) as { results: unknown[] };
    expect(single.results.length).toBeGreaterThanOrEqual(150);
    expect(untimed(two)).toEqual(single);
  });

  it('a bad file among them is one line naming it, exit 2', { timeout: 120_000 }, async () => {
    const bad = join(root, 'a', 'zz-bad.yaml');
    writeFileSync(bad, 'name: bad\ndevice: { version: one }\nsteps: []\n');
    try {
      const r = await miprig(['run', root, '--jobs', '3', '--reporter', 'json', '--out', join(dir, 'bad.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('['))).toEqual([expect.stringMatching(/^miprig: .*zz-bad\.yaml:\d+: device\.version: /)]);
    } finally {
      rmSync(bad);
    }
  });
});
