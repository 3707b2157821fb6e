import { describe, expect, it } from 'vitest';
import { installerFor } from '../../src/installers/installerVersions.ts';
import { frozenInstaller, httpModuleFor, mipVersionFor } from '../../src/device/frozenLibraries.ts';

describe('installer frozen per runtime', () => {
  const table: Array<[string, string, string]> = [
    ['1.20.0', '0.2.0', 'urequests 0.7.0'],
    ['1.21.0', '0.2.0', 'requests 0.8.1'],
    ['1.22.2', '0.2.0', 'requests 0.8.1'],
    ['1.23.0', '0.3.0', 'requests 0.9.0'],
    ['1.24.1', '0.3.0', 'requests 0.10.0'],
    ['1.25.0', '0.4.1', 'requests 0.10.2'],
    ['1.26.1', '0.4.1', 'requests 0.10.2'],
    ['1.27.0', '0.4.2', 'requests 0.10.2'],
    ['1.28.0', '0.4.2', 'requests 0.10.2'],
    ['master', '0.5.0', 'requests 1.1.1'],
  ];
  for (const [runtime, mip, http] of table) {
    it(`${runtime} → mip ${mip} + ${http}`, () => {
      expect(mipVersionFor(runtime)).toBe(mip);
      const m = httpModuleFor(runtime);
      expect(`${m.name} ${m.version}`).toBe(http);
    });
  }

  it('1.19.1 and older freeze upip', () => {
    expect(frozenInstaller('1.19.1')).toEqual({ name: 'upip' });
    expect(() => mipVersionFor('1.19.1')).toThrow(/upip/);
    expect(installerFor('mip', '1.19.1')).toBeNull();
    expect(installerFor('upip', '1.19.1')).toEqual({ name: 'upip', version: '1.19.1' });
    expect(installerFor('mip-cmdline', '1.27.0')).toEqual({ name: 'mip', version: '0.4.2' });
  });
});
