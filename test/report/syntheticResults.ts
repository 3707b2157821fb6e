import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import { HOSTILE, hostileResult } from '../support/hostileText.ts';

/** A passing result with one request, one file and one output line; `over` replaces fields. */
export function result(over: Partial<ScenarioResult> & { name: string; backend?: string; file?: string; tags?: string[] }): ScenarioResult {
  const { name, file, tags, ...rest } = over;
  return {
    scenario: { name, file: file ?? `scenarios/synthetic/${name.replace(/\W+/g, '-')}.yaml`, tags: tags ?? ['synthetic'] },
    backend: 'virtual',
    runtime: { version: '1.27.0', mpy: 2822 },
    installer: { name: 'mip', version: '0.4.2' },
    status: 'pass',
    reason: '',
    outcome: 'done',
    exitCode: 0,
    checks: [{ name: 'outcome', pass: true, expected: 'done', actual: 'done' }],
    requests: [{ method: 'GET', url: 'https://micropython.org/pi/v2/package/6/hello/latest.json', status: 200 }],
    files: { '/lib/hello.mpy': { size: 30, sha256: 'f8322015aa0b1c2d3e4f' } },
    output: ['Installing hello (latest) from https://micropython.org/pi/v2 to /lib', 'Done'],
    imports: {},
    decompress: {},
    findings: [],
    durationMs: 1.5,
    ...rest,
  };
}

/** The failing output check of `FAILED`: one line differs. */
export const FAILED_OUTPUT = {
  expected: ['Installing hello (latest) from https://micropython.org/pi/v2 to /lib', 'Copying: /lib/hello.py', 'Done'],
  actual: ['Installing hello (latest) from https://micropython.org/pi/v2 to /lib', 'Copying: /lib/hello.mpy', 'Done'],
};

/**
 * One result of each kind the page must tell apart, on backends other than `virtual`: a failure
 * with a diff and a request log, an error, a skip, a pass excused by a known divergence, a failure
 * that also excused one, and hostile text (markup, script end, bidi override, control characters,
 * a lone surrogate) in every string.
 */
export function syntheticResults(): ScenarioResult[] {
  return [
    result({
      name: 'synthetic: output differs',
      backend: 'unix 1.27.0 (mbedtls)',
      tags: ['synthetic', 'diff'],
      status: 'fail',
      reason: '1 check failed: output',
      checks: [
        { name: 'outcome', pass: true, expected: 'done', actual: 'done' },
        { name: 'output', pass: false, ...FAILED_OUTPUT },
      ],
      requests: [
        { method: 'GET', url: 'https://micropython.org/pi/v2/package/6/hello/latest.json', status: 200 },
        { method: 'GET', url: 'https://micropython.org/pi/v2/file/f8/f8322015', status: 200 },
        { method: 'GET', url: 'https://example.com/gone', status: 0, noResponse: 'reset' },
      ],
      output: FAILED_OUTPUT.actual,
      decompress: { '/data.gz': 'OSError: [Errno 22] EINVAL' },
      imports: { hello: '/lib/hello.mpy' },
      findings: [{ kind: 'unmatched-request', detail: 'GET https://example.com/gone' }],
      build: 'mbedtls; TLS heap per connection 41120 B',
    }),
    result({ name: 'synthetic: no model', backend: 'vm', status: 'error', reason: 'no model of upip 1.19.1 on the vm backend', outcome: 'none', exitCode: null, checks: [], requests: [], files: {}, output: [] }),
    result({ name: 'synthetic: needs a binary', backend: 'virtual@1.22.2', status: 'skip', reason: 'needs a real binary', outcome: 'none', exitCode: null, checks: [], requests: [], files: {}, output: [] }),
    result({
      name: 'synthetic: excused divergence',
      backend: 'vm',
      tags: ['synthetic', 'divergence'],
      checks: [{ name: 'imports', pass: false, expected: { argparse: 'frozen' }, actual: {}, knownDivergence: 'the webassembly port freezes no argparse' }],
    }),
    result({
      name: 'synthetic: fails beside a divergence',
      backend: 'unix 1.27.0 (mbedtls)',
      status: 'fail',
      reason: '1 check failed: outcome',
      outcome: 'partial',
      checks: [
        { name: 'outcome', pass: false, expected: 'done', actual: 'partial' },
        { name: 'imports', pass: false, expected: { a: 'x' }, actual: {}, knownDivergence: 'known' },
      ],
    }),
    { ...hostileResult(`</script><img src=x onerror=alert(1)>${HOSTILE['bidi override RLO']}${HOSTILE['C0 NUL']}${HOSTILE['lone high surrogate']}<!--`, 'fail'), backend: 'unix:hostile' },
  ];
}

const BACKENDS = [
  'virtual',
  'virtual@1.22.2',
  'virtual@1.24.1',
  'vm',
  'vm@1.25.0',
  'unix 1.20.0 (axtls)',
  'unix 1.22.2 (mbedtls)',
  'unix 1.24.1 (mbedtls)',
  'unix 1.27.0 (mbedtls)',
  'unix 1.27.0-nobtree (mbedtls)',
];

/**
 * A large matrix from real results: each result repeated under `copies` renamed scenarios and on
 * `backends` backends, statuses varied in a fixed pattern (some fail with an output diff, some
 * diverge, error or skip), as a version matrix of real binaries would look.
 *
 * @example
 * widened(report.results, 3, 10).length // 95 × 3 × 10
 */
export function widened(results: readonly ScenarioResult[], copies: number, backends: number): ScenarioResult[] {
  const out: ScenarioResult[] = [];
  for (let b = 0; b < backends; b++) {
    results.forEach((r, i) => {
      for (let k = 0; k < copies; k++) {
        const name = k === 0 ? r.scenario.name : `${r.scenario.name} (variant ${k + 1})`;
        const n = i * copies + k;
        const base: ScenarioResult = { ...r, scenario: { ...r.scenario, name }, backend: BACKENDS[b % BACKENDS.length]! };
        const pick = (n * 7 + b * 11) % 41;
        if (pick === 0 || pick === 17) {
          const output = r.checks.find((c) => c.name === 'output');
          out.push({
            ...base,
            status: 'fail',
            reason: '1 check failed: output',
            checks: [...r.checks.filter((c) => c !== output), { name: 'output', pass: false, expected: r.output, actual: [...r.output.slice(0, -1), 'Package may be partially installed'] }],
          });
        } else if (pick === 5) out.push({ ...base, status: 'error', reason: `no model of ${r.installer?.name ?? 'the installer'} for this version` });
        else if (pick === 9 && b > 4) out.push({ ...base, status: 'skip', reason: 'needs a newer binary' });
        else if (pick === 13 || pick === 29) {
          out.push({ ...base, checks: [...r.checks, { name: 'imports', pass: false, expected: { argparse: 'frozen' }, actual: {}, knownDivergence: 'the webassembly port freezes no argparse' }] });
        } else out.push(base);
      }
    });
  }
  return out;
}
