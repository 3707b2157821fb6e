import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { mipInstall } from '../../src/installers/mip.ts';
import { FakeDevice, FakeNetwork, indexPackage } from './fakes.ts';

describe('performance', () => {
  it('a 3-file index install with one dependency takes well under 1 ms', async () => {
    const net = new FakeNetwork();
    indexPackage(net, 'pkg', { 'pkg/a.mpy': 'a'.repeat(300), 'pkg/b.mpy': 'b', 'pkg/c.mpy': 'c' }, { deps: [['dep', '']] });
    indexPackage(net, 'dep', { 'dep.mpy': 'd' });
    const once = () => mipInstall(new FakeDevice(), net, { package: 'pkg' }, '0.4.2');
    for (let i = 0; i < 200; i++) await once(); // warm up the JIT
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await once();
    const perInstall = (performance.now() - t0) / n;
    expect(perInstall).toBeLessThan(1);
  });
});
