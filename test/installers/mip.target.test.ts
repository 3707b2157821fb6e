import { describe, expect, it } from 'vitest';
import { mipInstall } from '../../src/installers/mip.ts';
import { FakeDevice, FakeNetwork, INDEX, indexPackage } from './fakes.ts';

describe('default target', () => {
  const romPath = ['', '.frozen', '/rom', '/rom/lib', '/flash', '/flash/lib'];

  it('before 0.4.1 the first entry ending /lib wins, even /rom/lib', async () => {
    const device = new FakeDevice({ sysPath: romPath, dirs: ['/flash/lib'] });
    await mipInstall(device, new FakeNetwork(), { package: 'x' }, '0.3.0');
    expect(device.output[0]).toBe(`Installing x (latest) from ${INDEX} to /rom/lib`);
  });

  it('from 0.4.1 entries starting /rom are skipped', async () => {
    const device = new FakeDevice({ version: '1.25.0', sysPath: [...romPath.slice(0, 4), '/rom2/lib', '/flash', '/flash/lib'] });
    await mipInstall(device, new FakeNetwork(), { package: 'x' }, '0.4.1');
    expect(device.output[0]).toBe(`Installing x (latest) from ${INDEX} to /flash/lib`);
  });

  it('no entry ending /lib → one line, no request', async () => {
    const device = new FakeDevice({ sysPath: ['', '.frozen', '/lib/'] });
    const net = new FakeNetwork();
    await mipInstall(device, net, { package: 'x' }, '0.4.2');
    expect(device.output).toEqual(['Unable to find lib dir in sys.path']);
    expect(net.log).toHaveLength(0);
  });

  it('an explicit target is used verbatim and its parents are created on demand', async () => {
    const net = new FakeNetwork();
    indexPackage(net, 'x', { 'x/y.py': 'y' });
    const device = new FakeDevice({ dirs: [] });
    await mipInstall(device, net, { package: 'x', target: '/a/b' }, '0.4.2');
    expect(device.fs.mkdirCalls).toEqual(['/a', '/a/b', '/a/b/x']);
    expect(device.fs.texts()).toEqual({ '/a/b/x/y.py': 'y' });
  });

  it('mkdir errors propagate (read-only target)', async () => {
    const net = new FakeNetwork();
    indexPackage(net, 'x', { 'x.py': 'y' });
    const device = new FakeDevice({ dirs: [] });
    device.fs.readOnly = ['/ro'];
    await expect(mipInstall(device, net, { package: 'x', target: '/ro/lib' }, '0.4.2')).rejects.toMatchObject({
      line: 'OSError: [Errno 30] EROFS',
    });
    expect(device.output).toEqual([`Installing x (latest) from ${INDEX} to /ro/lib`, 'Copying: /ro/lib/x.py']);
  });
});
