// A unix-backend run leaves nothing behind: no run root, no process, no listening port — also
// when a step times out and when runs go in parallel.
import { readdir } from 'node:fs/promises';
import { runRootFolder } from '../../harness/unix/runRoot.ts';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { UnixBackend } from '../../harness/backends/UnixBackend.ts';
import { runScenarios } from '../../harness/runScenarios.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { allBinaries } from '../support/realBinaries.ts';

const mip = allBinaries.find((b) => b.installer === 'mip');

const HANG = `name: hangs
timeoutMs: 1500
world:
  http: { https://example.com/slow.py: "X = 1\\n" }
  faults: [{ on: { url: https://example.com/slow.py }, neverClose: true }]
steps: [{ install: { installer: mip-cmdline, spec: https://example.com/slow.py } }]
expect: { outcome: timeout }
`;
const QUICK = `name: quick
world:
  http: { https://example.com/ok.py: "X = 1\\n" }
steps: [{ install: https://example.com/ok.py }]
expect: { outcome: done }
`;

const runRoots = async (): Promise<string[]> => (await readdir(runRootFolder())).filter((n) => n.startsWith('miprig-') && !n.startsWith('miprig-test-'));

describe.skipIf(!mip)(`unix backend cleanup${mip ? '' : ' (skipped: needs MIPRIG_MICROPYTHON with a 1.20+ binary)'}`, () => {
  it('removes run roots, kills timed-out processes and closes its servers', async () => {
    const before = await runRoots();
    const backend = new UnixBackend(mip!, { timeoutMs: 30_000 });
    await backend.start();
    const scenarios = [parseScenario(HANG, 'hang.yaml'), parseScenario(QUICK, 'quick.yaml'), parseScenario(QUICK.replace('name: quick', 'name: quick2'), 'q2.yaml')];
    const runs = await runScenarios(scenarios, [backend], { concurrency: 3 });
    expect(runs.map((r) => [r.result.scenario.name, r.result.status])).toEqual([['hangs', 'pass'], ['quick', 'pass'], ['quick2', 'pass']]);
    expect(runs[0]!.result.findings.map((f) => f.kind)).toContain('timeout');
    expect(backend.listeningServers).toBeGreaterThan(0);
    await backend.stop();
    await backend.stop(); // idempotent
    expect(backend.listeningServers).toBe(0);
    expect(await runRoots()).toEqual(before);
    const ps = await execa('ps', ['-eo', 'args'], { reject: false });
    expect(ps.stdout.split('\n').filter((l) => l.startsWith(mip!.path))).toEqual([]);
  }, 30_000);
});
