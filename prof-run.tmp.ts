import { loadAll } from './harness/cli/loadAll.ts';
import { createBackends } from './harness/createBackends.ts';
import { runScenarios } from './harness/runScenarios.ts';
async function go() {
  const t0 = performance.now();
  const sc = await loadAll(['/tmp/corpus1000']);
  const t1 = performance.now();
  const bs = await createBackends('virtual', [], { timeoutMs: 30000 });
  for (const b of bs) await b.start();
  const t2 = performance.now();
  const r = await runScenarios(sc, bs, { concurrency: Number(process.env.J ?? 2) });
  const t3 = performance.now();
  console.log('J', process.env.J, 'load', (t1 - t0).toFixed(0), 'backends', (t2 - t1).toFixed(0), 'run', (t3 - t2).toFixed(0), r.filter((x) => x.result.status === 'pass').length);
  for (const b of bs) await b.stop();
}
void go();
