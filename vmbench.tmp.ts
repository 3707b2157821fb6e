import { VmWorker } from './harness/vm/VmWorker.ts';
import { installedVms } from './harness/vm/vmPackages.ts';
import { deviceSetupSource } from './harness/vm/VmPool.ts';
async function go() {
  const vm = installedVms().at(-1)!;
  const w = new VmWorker();
  const setup = deviceSetupSource({ sysPath: ['', '/lib'], tls: false });
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    await w.open({ vm: vm.url, heapsize: 8 << 20, dirs: ['/lib'], files: [['/lib/a.py', new TextEncoder().encode('X=1\n')]], cwd: '/' }, { httpPort: 1, resolves: () => false });
    const t1 = performance.now();
    await w.exec(setup);
    const t2 = performance.now();
    await w.exec('import a\nprint(a.X)');
    const t3 = performance.now();
    if (i > 3) console.log('open', (t1 - t0).toFixed(1), 'setup', (t2 - t1).toFixed(1), 'exec', (t3 - t2).toFixed(1));
  }
  await w.terminate();
}
void go();
