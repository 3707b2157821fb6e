// `miprig report REPORT.json … --html OUT` as a user runs it (the real CLI, in its own process),
// and `miprig run --reporter html`. Bad input is one line naming the file and what to do, exit 2.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonReport } from '../../harness/reporters/jsonReporter.ts';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { helloScenario } from '../support/helloScenario.ts';
import { tempFiles } from '../support/tempScenarios.ts';
import { result, syntheticResults } from './syntheticResults.ts';
import { miprig } from '../support/miprigCli.ts';

const cells = (html: string): string[] => [...html.matchAll(/data-cell="(\d+-\d+)" data-status="(\w+)"/g)].map((m) => `${m[1]} ${m[2]}`);

let t: Awaited<ReturnType<typeof tempFiles>>;
beforeAll(async () => {
  t = await tempFiles({
    'a.json': jsonReport(syntheticResults()),
    'b.json': jsonReport([result({ name: 'from b', backend: 'unix 1.22.2 (axtls)' }), result({ name: 'synthetic: no model', file: 'scenarios/synthetic/synthetic-no-model.yaml', backend: 'virtual' })]),
    'old.json': JSON.stringify({ miprig: 1, results: [{ scenario: { name: 'before tags', file: 'scenarios/x.yaml' }, backend: 'virtual', status: 'pass', durationMs: 1 }] }),
    'text.json': 'Test Files  1 passed\n',
    'array.json': '[1, 2]',
    'other.json': '{"name": "miprig", "version": "0.1.0"}',
    'v2.json': '{"miprig": 2, "results": []}',
    'badstatus.json': JSON.stringify({ miprig: 1, results: [{ ...syntheticResults()[0], status: 'passed' }] }),
    'nobackend.json': JSON.stringify({ miprig: 1, results: [{ ...syntheticResults()[0], backend: undefined }] }),
    'folder/keep': '',
  });
}, 30_000);
afterAll(() => t.cleanup());

describe('miprig report', () => {
  it('writes one page with a cell per result, and says where', async () => {
    const out = t.path('a.html');
    const r = await miprig(['report', t.path('a.json'), '--html', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`miprig: wrote ${out} (${syntheticResults().length} results on 4 backends)\n`);
    const html = await readFile(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(cells(html)).toHaveLength(syntheticResults().length);
  });

  it('joins several reports in the order given: a scenario of both is one row', async () => {
    const out = t.path('ab.html');
    const r = await miprig(['report', t.path('a.json'), t.path('b.json'), '--html', out]);
    expect(r.code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(cells(html)).toHaveLength(syntheticResults().length + 2);
    const columns = [...html.matchAll(/<th scope="col">(.*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, ''));
    expect(columns).toEqual(['unix 1.27.0 (mbedtls)', 'vm', 'virtual@1.22.2', 'unix:hostile', 'unix 1.22.2 (axtls)', 'virtual']);
    // "synthetic: no model" ran on vm (report a) and virtual (report b): row 1, columns 1 and 5.
    expect(cells(html)).toContain('1-1 error');
    expect(cells(html)).toContain('1-5 pass');
  });

  it('reads a report written before results named their tags', async () => {
    const r = await miprig(['report', t.path('old.json'), '--html', t.path('old.html')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(cells(await readFile(t.path('old.html'), 'utf8'))).toEqual(['0-0 pass']);
  });

  const bad: Array<[string, (p: (f: string) => string) => string[], (p: (f: string) => string) => string]> = [
    ['a missing file', (p) => ['report', p('nope.json'), '--html', p('x.html')], (p) => `miprig: ${p('nope.json')}: no such file; give the path of a JSON report (write one with miprig run --reporter json --out FILE)`],
    ['a folder', (p) => ['report', p('folder'), '--html', p('x.html')], (p) => `miprig: ${p('folder')} is a folder; give the report file in it, e.g. ${p('folder/report.json')}`],
    ['text that is not JSON', (p) => ['report', p('text.json'), '--html', p('x.html')], (p) => `miprig: ${p('text.json')}: not JSON (`],
    ['JSON that is not an object', (p) => ['report', p('array.json'), '--html', p('x.html')], (p) => `miprig: ${p('array.json')}: not a miprig report (no "miprig" field; got [1,2]); write one with miprig run --reporter json --out FILE`],
    ['JSON that is not a miprig report', (p) => ['report', p('other.json'), '--html', p('x.html')], (p) => `miprig: ${p('other.json')}: not a miprig report (no "miprig" field; got an object with "name", "version"); write one with miprig run --reporter json --out FILE`],
    ['an unknown layout version', (p) => ['report', p('v2.json'), '--html', p('x.html')], (p) => `miprig: ${p('v2.json')}: report layout "miprig": 2 is not one this miprig reads (it reads 1); write the report again with this miprig, or use the miprig that wrote it`],
    ['a result with an unknown status', (p) => ['report', p('badstatus.json'), '--html', p('x.html')], (p) => `miprig: ${p('badstatus.json')}: results[0].status: `],
    ['a result without its backend', (p) => ['report', p('a.json'), p('nobackend.json'), '--html', p('x.html')], (p) => `miprig: ${p('nobackend.json')}: results[0].backend: expected string`],
    ['--html into a missing folder', (p) => ['report', p('a.json'), '--html', p('no/such/x.html')], (p) => `miprig: --html ${p('no/such/x.html')}: the folder ${p('no/such')} does not exist or is not writable; create it first`],
    ['--html naming a folder', (p) => ['report', p('a.json'), '--html', p('folder')], (p) => `miprig: --html ${p('folder')} is a folder; name a file, e.g. ${p('folder/report.html')}`],
    ['no --html', (p) => ['report', p('a.json')], (p) => `miprig: report writes a page: give --html OUT, e.g. miprig report ${p('a.json')} --html report.html`],
  ];
  it.concurrent.each(bad)('is exit 2 and one line for %s', async (_, args, line) => {
    const r = await miprig(args(t.path));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.startsWith(line(t.path))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('no report file at all is a usage error too', async () => {
    const r = await miprig(['report', '--html', t.path('x.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'reports'/);
  });
});

describe('miprig run --reporter html', () => {
  it('needs --out: one line, exit 2, before anything runs', async () => {
    const { result: status, stdout, stderr } = await captureOutput(() => main(['run', 'scenarios', '--reporter', 'html']));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('miprig: --reporter html writes a page: give --out FILE, e.g. --out report.html\n');
  });

  it('writes the page of the run with --out', async () => {
    const dir = t.path('run');
    await mkdir(dir);
    await writeFile(`${dir}/hello.yaml`, helloScenario({ name: 'hello page', port: 'esp32', version: '1.22.2', expect: 'expect:\n  outcome: done\n' }));
    const out = `${dir}/page.html`;
    const { result: status } = await captureOutput(() => main(['run', dir, '--reporter', 'html', '--out', out]));
    expect(status).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(cells(html)).toEqual(['0-0 pass']);
    expect(html).toContain('>hello page</div></th>');
  });
});
