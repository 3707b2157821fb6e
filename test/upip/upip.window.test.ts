import { describe, expect, it } from 'vitest';
import { UpipModule } from '../../src/installers/upip.ts';
import { pypi, setup } from './helpers.ts';

const big = {
  big: {
    version: '1.0',
    windowBits: 15,
    style: 'sdist_upip',
    files: { 'big.py': '# big\n', 'big_blob.bin': { random: { size: 40960, period: 8192 } } },
  },
};

describe('upip window size follows the heap pool and the window is allocated eagerly', () => {
  it('pool ≤ 65536 → 4 KiB window: EINVAL, the blob left at whole 512-byte chunks (8192 bytes, as on the binary)', async () => {
    const { device, world } = await setup({ heap: '64K' }, { pypi: [pypi('https://micropython.org/pi', big)] });
    await new UpipModule(device, world).install('big', '/x');
    expect(device.output.at(-1)).toBe("Error installing 'big': [Errno 22] EINVAL, packages may be partially installed");
    expect(device.fs.stat('/x/big_blob.bin').size).toBe(8192);
  });

  it('pool > 65536 → 32 KiB window: the same archive installs', async () => {
    const { device, world } = await setup({ heap: '66K' }, { pypi: [pypi('https://micropython.org/pi', big)] });
    await new UpipModule(device, world).install('big', '/x');
    expect(device.output.some((l) => l.startsWith('Error'))).toBe(false);
    expect(device.fs.stat('/x/big_blob.bin').size).toBe(40960);
  });

  it.each([
    ['22K', 3344],
    ['23K', 1336],
    ['26K', 4096],
  ])('heap %s fails allocating %i bytes (the thresholds measured on the 1.19.1 binary)', async (heap, bytes) => {
    const { device, world } = await setup({ heap }, {
      pypi: [pypi('https://micropython.org/pi', { p: { version: '1.0', files: { 'p.py': 'P' } } })],
    });
    await new UpipModule(device, world).install('p', '/x');
    expect(device.output.at(-1)).toBe(`Error installing 'p': memory allocation failed, allocating ${bytes} bytes, packages may be partially installed`);
  });
});
