import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProcessGroup } from '../../harness/unix/processGroup.ts';

/** Running (a zombie waiting for a reaper counts as dead: it was killed, only its entry is left). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('runProcessGroup timeout', () => {
  it('kills the whole process group (a backgrounded child too) and keeps the output so far', async () => {
    // Not a fake micropython: just a process tree whose child would outlive a plain kill(pid).
    const r = await runProcessGroup('/bin/sh', ['-c', 'sleep 100 & echo $!; echo started >&2; sleep 100'], {
      cwd: '/tmp',
      env: { PATH: '/usr/bin:/bin' },
      timeoutMs: 300,
    });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(r.exitCode).toBeNull();
    expect(r.stderr).toEqual(['started']);
    const backgroundPid = Number(r.stdout[0]);
    expect(backgroundPid).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 50));
    expect(alive(backgroundPid)).toBe(false);
    expect(r.durationMs).toBeLessThan(5_000);
  });

  it('a quick process is not marked as timed out and reports its exit status', async () => {
    const r = await runProcessGroup('/bin/sh', ['-c', 'echo out; exit 3'], { cwd: '/tmp', env: {}, timeoutMs: 5_000 });
    expect(r).toMatchObject({ timedOut: false, exitCode: 3, stdout: ['out'], stderr: [] });
  });
});
