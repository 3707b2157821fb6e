import { describe, expect, it } from 'vitest';
import { UpipModule } from '../../src/installers/upip.ts';
import { pypi, setup, text } from './helpers.ts';

describe('upip install queue (tools/upip.py v1.19.1)', () => {
  it('queues requires.txt lines FIFO and installs each exact spec once', async () => {
    const { device, world } = await setup({ heap: '64K' }, {
      pypi: [pypi('https://micropython.org/pi', {
        a: { version: '1.0', files: { 'a.py': 'A' }, requires: ['c', 'b'] },
        b: { version: '1.0', files: { 'b.py': 'B' }, requires: ['c'] },
        c: { version: '1.0', files: { 'c.py': 'C' } },
      })],
    });
    await new UpipModule(device, world).install('a');
    expect(world.log.filter((r) => r.url.endsWith('/json')).map((r) => r.url.split('/')[4])).toEqual(['a', 'c', 'b']);
    expect(text(device.fs.readFile('/home/.micropython/lib/c.py'))).toBe('C');
    expect(device.output[0]).toBe('Installing to: /home/.micropython/lib/');
    expect(device.output.filter((l) => l.startsWith('Warning:'))).toEqual(['Warning: micropython.org SSL certificate is not validated']);
  });

  it('reports the first failure with the spec and stops the queue', async () => {
    const { device, world } = await setup({ heap: '64K' }, { pypi: [pypi('https://micropython.org/pi', {})], strict: false });
    await new UpipModule(device, world).install(['nope', 'other'], '/x');
    expect(device.output).toEqual([
      'Installing to: /x/',
      'Warning: micropython.org SSL certificate is not validated',
      "Error installing 'nope': Package not found, packages may be partially installed",
    ]);
  });

  it('name==ver picks that release (v1.18+); a missing version is a KeyError without quotes', async () => {
    const { device, world } = await setup({ heap: '64K' }, {
      pypi: [pypi('https://micropython.org/pi', { p: { version: '2.0', files: { 'p.py': 'P' } } })],
    });
    await new UpipModule(device, world).install('p==9.9', '/x');
    expect(device.output.at(-1)).toBe("Error installing 'p==9.9': 9.9, packages may be partially installed");
  });
});
