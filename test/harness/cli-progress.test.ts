// Issue "runs that nothing can break", item 3: long runs showed nothing until the end, and the
// summary showed the sum of durations. Progress goes to stderr as scenarios finish; the summary
// gives the wall time.
import { describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { progress } from '../../harness/cli/progress.ts';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import { captureOutput } from '../support/captureOutput.ts';

const result = (name: string, status: ScenarioResult['status']): ScenarioResult =>
  ({ scenario: { name, file: `${name}.yaml`, tags: [] as string[] }, backend: 'virtual', status, durationMs: 12.3 }) as ScenarioResult;

describe('progress', () => {
  it('piped: one line per finished scenario, as it finishes, with done/total', () => {
    let text = '';
    const p = progress({ total: 2, sink: { write: (t) => void (text += t), isTTY: false } });
    p.started('virtual', 'a');
    p.finished(result('a', 'pass'));
    expect(text).toBe('[1/2] ✓ virtual a (12 ms)\n');
    p.finished(result('b', 'skip'));
    p.end();
    expect(text).toBe('[1/2] ✓ virtual a (12 ms)\n[2/2] - virtual b\n');
  });

  it('piped, a burst of finished scenarios: lines written together, every one of them by the end', () => {
    const writes: string[] = [];
    const p = progress({ total: 500, sink: { write: (t) => void writes.push(t), isTTY: false } });
    for (let i = 1; i <= 500; i++) p.finished(result(`s${i}`, 'pass'));
    expect(writes.length).toBeLessThan(10);
    p.end();
    const lines = writes.join('').split('\n').slice(0, -1);
    expect(lines).toHaveLength(500);
    expect(lines.at(-1)).toBe('[500/500] ✓ virtual s500 (12 ms)');
  });

  it('on a terminal: one live line (done/total, backend, current scenario), cleared at the end', () => {
    let text = '';
    const p = progress({ total: 3, sink: { write: (t) => void (text += t), isTTY: true, columns: 80 } });
    p.started('unix:1.27.0', 'index install');
    expect(text).toBe('\r\u001b[2K[0/3] unix:1.27.0 running: index install');
    p.finished(result('index install', 'pass'));
    p.end();
    expect(text.endsWith('\r\u001b[2K')).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('a scenario name cannot drive the terminal', () => {
    let text = '';
    const p = progress({ total: 1, sink: { write: (t) => void (text += t), isTTY: false } });
    p.finished(result('evil\u001b[2Jname', 'pass'));
    expect(text).not.toContain('\u001b');
  });
});

it('a run reports progress on stderr and its wall time in the summary', async () => {
  const { result: status, stdout, stderr } = await captureOutput(() => main(['run', 'scenarios/mip', '--filter', 'gitlab']));
  expect(status).toBe(0);
  expect(stderr).toMatch(/^\[1\/1\] ✓ virtual gitlab shorthand across mip versions \(\d+ ms\)\n$/);
  expect(stdout).toMatch(/\n1 passed, 0 failed \(wall \d+(\.\d+)? (ms|s); \d+(\.\d+)? (ms|s) in scenarios\)\n$/);
});
