import { describe, expect, it } from 'vitest';
import { deviceSpec } from '../../src/scenario/schema.ts';
import { createVirtualDevice } from '../../src/device/VirtualDevice.ts';

// The brief: creating a device and running a 3-file install on it must take well under 1 ms.
describe('performance', () => {
  it('boot + a 3-file install-like workload + imports stays far below 1 ms', () => {
    const spec = deviceSpec.parse({ port: 'unix', version: '1.27.0' });
    const files = new Map([['/home/.micropython/lib/old.py', new Uint8Array(10)]]);
    const body = new Uint8Array(2000);
    const run = (): void => {
      const dev = createVirtualDevice(spec, files);
      for (const dir of ['/home/.micropython', '/home/.micropython/lib', '/home/.micropython/lib/pkg']) {
        try {
          dev.fs.stat(dir);
        } catch {
          dev.fs.mkdir(dir);
        }
      }
      for (const name of ['a.py', 'b.py', 'pkg/__init__.py']) {
        const f = dev.fs.openWrite(`/home/.micropython/lib/${name}`);
        f.write(body);
        f.close();
      }
      const h = dev.heap.allocate(5440);
      dev.heap.free(h);
      dev.importModule('a');
      dev.importModule('pkg');
      dev.fs.snapshot();
    };
    for (let i = 0; i < 200; i++) run(); // warm up
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) run();
    const perRun = (performance.now() - t0) / n;
    expect(perRun).toBeLessThan(0.25);
  });
});
