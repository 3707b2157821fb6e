// Issue "runs that nothing can break", item 4: SIGTERM in the middle of a run left run roots behind
// and wrote no report. Now the run stops, kills what it started, removes its run roots, writes
// the partial report and exits 143.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { allBinaries, NEEDS_ANY_BINARY } from '../support/realBinaries.ts';
import { interruptRun } from '../support/interruptRun.ts';
import { processesOfRunRootsIn } from '../support/leftovers.ts';

const binary = allBinaries.find((b) => b.installer === 'mip');

it.skipIf(!binary)(`SIGTERM: exit 143, a partial report, no run root and no process left${binary ? '' : NEEDS_ANY_BINARY}`, async () => {
  const r = await interruptRun(binary!.path, 'SIGTERM');
  expect({ code: r.code, stderr: r.stderr.split('\n').filter((l) => l.startsWith('miprig:')) }).toEqual({
    code: 143,
    stderr: ['miprig: interrupted by SIGTERM; the report holds the 0 results that finished'],
  });
  expect(r.exitMs).toBeLessThan(5000);
  const report = JSON.parse(readFileSync(r.reportFile, 'utf8')) as { results: Array<{ status: string; reason: string }> };
  expect(report.results.map((x) => [x.status, x.reason])).toEqual([['skip', 'interrupted (SIGTERM)']]);
  expect(readdirSync(r.rootsDir)).toEqual([]);
  expect(processesOfRunRootsIn(r.rootsDir)).toEqual([]);
}, 60_000);
