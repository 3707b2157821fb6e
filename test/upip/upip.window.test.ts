import { describe, expect, it } from 'vitest';
import { UpipModule } from '../../src/installers/upip.ts';
import { pypi, setup } from './helpers.ts';
import { referenceBuild, type BuildProfile } from '../../src/device/buildProfile.ts';

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

  // Thresholds measured on bare 1.19.1 binaries (upipHeap.ts): upstream defaults (axTLS) and
  // Debian's libmbedtls (41 024 B per connection, largest block 40 768 B).
  const systemMbedtls: BuildProfile = {
    ...referenceBuild('unix', '1.19.1'),
    label: 'system mbedTLS',
    tls: { library: 'mbedtls-system', heapPerConnection: 41024, largestAllocation: 40768 },
  };
  it.each([
    ['axTLS', '10240', 'memory allocation failed, allocating 1336 bytes'],
    ['axTLS', '10752', 'memory allocation failed, allocating 4096 bytes'],
    ['axTLS', '14336', 'memory allocation failed, allocating 4096 bytes'],
    ['axTLS', '14848', undefined],
    ['system mbedTLS', '47104', 'memory allocation failed, allocating 40768 bytes'],
    ['system mbedTLS', '50176', 'memory allocation failed, allocating 1336 bytes'],
    ['system mbedTLS', '52224', 'memory allocation failed, allocating 4096 bytes'],
    ['system mbedTLS', '55296', 'memory allocation failed, allocating 4096 bytes'],
    ['system mbedTLS', '56320', undefined],
    ['axTLS', '12K + tls', 'memory allocation failed, allocating 4096 bytes'],
    ['system mbedTLS', '12K + tls', 'memory allocation failed, allocating 4096 bytes'],
  ])('%s, heap %s: %s (as the bare binary)', async (tls, heap, error) => {
    const { device, world } = await setup(
      { heap },
      { pypi: [pypi('https://micropython.org/pi', { p: { version: '1.0', files: { 'p.py': 'P' } } })] },
      tls === 'axTLS' ? undefined : systemMbedtls,
    );
    await new UpipModule(device, world).install('p', '/x');
    const last = device.output.at(-1);
    if (error === undefined) expect(last).toMatch(/^Installing p 1\.0 from /);
    else expect(last).toBe(`Error installing 'p': ${error}, packages may be partially installed`);
  });
});
