// `--reporter json --out FILE` is a stable contract (README "Reading a report").
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { tempFiles } from '../support/tempScenarios.ts';
import { helloScenario } from '../support/helloScenario.ts';

const SCENARIO = helloScenario({
  name: 'contract',
  port: 'unix',
  version: '1.22.2',
  extraSteps: '  - import: [hello, gc]\n',
  expect: 'expect:\n  outcome: done\n',
});

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('JSON report', () => {
  it('has one result per scenario × backend with every contract field', async () => {
    const t = await tempFiles({ 's.yaml': SCENARIO });
    cleanup = t.cleanup;
    const out = t.path('r.json');
    const { result } = await captureOutput(() => main(['run', t.root, '--reporter', 'json', '--out', out]));
    expect(result).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.miprig).toBe(1);
    expect(report.summary).toMatchObject({ passed: 1, failed: 0, errors: 0, skipped: 0 });
    expect(report.results).toHaveLength(1);
    const r = report.results[0];
    expect(Object.keys(r).sort()).toEqual(
      ['backend', 'checks', 'decompress', 'durationMs', 'exitCode', 'files', 'findings', 'imports', 'installer', 'outcome', 'output', 'reason', 'requests', 'runtime', 'scenario', 'status'].sort(),
    );
    expect(r.scenario).toEqual({ name: 'contract', file: t.path('s.yaml'), tags: [] });
    expect(r.backend).toBe('virtual');
    expect(r.runtime).toEqual({ version: '1.22.2', mpy: 2566 });
    expect(r.installer).toEqual({ name: 'mip', version: '0.2.0' });
    expect(r.status).toBe('pass');
    expect(r.outcome).toBe('done');
    expect(r.exitCode).toBeNull(); // the API form has no process of its own
    expect(r.checks).toContainEqual({ name: 'outcome', pass: true, expected: 'done', actual: 'done' });
    expect(r.requests[0]).toEqual({ method: 'GET', url: 'https://micropython.org/pi/v2/package/6/hello/latest.json', status: 200 });
    const file = r.files['/home/.micropython/lib/hello.mpy'];
    expect(file.size).toBeGreaterThan(4);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.output.at(-1)).toBe('Done');
    expect(r.imports).toEqual({ hello: '/home/.micropython/lib/hello.mpy', gc: 'builtin' });
    expect(typeof r.durationMs).toBe('number');
  });

  it('gives the argv form\'s exit code, the outcome line, and noResponse for a request answered with nothing', async () => {
    const t = await tempFiles({
      's.yaml': [
        'name: closed',
        'world:',
        '  faults: [{ on: { url: https://example.com/x.py }, closeWithoutResponse: true }]',
        'steps:',
        '  - install: { installer: mip-cmdline, spec: https://example.com/x.py }',
        '',
      ].join('\n'),
    });
    cleanup = t.cleanup;
    const out = t.path('r.json');
    await captureOutput(() => main(['run', t.root, '--reporter', 'json', '--out', out]));
    const r = JSON.parse(await readFile(out, 'utf8')).results[0];
    expect(r.exitCode).toBe(1);
    expect(r.outcome).toBe('exception: ValueError: HTTP error: BadStatusLine:');
    expect(r.requests).toEqual([{ method: 'GET', url: 'https://example.com/x.py', status: 0, noResponse: 'closed' }]);
  });

  it('a skipped or errored result has outcome none and no exit code', async () => {
    const t = await tempFiles({ 's.yaml': 'name: bad\nworld: { faults: [{ on: { match: "(" }, status: 500 }] }\nsteps: [{ install: x }]\n' });
    cleanup = t.cleanup;
    const out = t.path('r.json');
    await captureOutput(() => main(['run', t.root, '--reporter', 'json', '--out', out]));
    const r = JSON.parse(await readFile(out, 'utf8')).results[0];
    expect(r.status).toBe('error');
    expect(r).toMatchObject({ outcome: 'none', exitCode: null });
  });

  it('junit output is one testsuite per backend with a testcase per scenario', async () => {
    const t = await tempFiles({ 's.yaml': SCENARIO });
    cleanup = t.cleanup;
    const { stdout } = await captureOutput(() => main(['run', t.root, '--reporter', 'junit']));
    expect(stdout).toMatch(/<testsuite name="miprig virtual" tests="1" failures="0"/);
    expect(stdout).toContain('<testcase classname="virtual" name="contract"');
  });
});
