// Issue "Real binaries as they are", item 7: the installer's own imports resolve through the
// device's sys.path (a recording showed a bare 1.19.1–1.27 binary's mip importing a
// /lib/requests.py placed before .frozen).
import { describe, expect, it } from 'vitest';
import { buildDevice } from '../../src/device/buildDevice.ts';
import { checkInstallerImports, ShadowedInstallerModule } from '../../src/installers/installerImports.ts';
import { PyException } from '../../src/py/PyException.ts';
import { deviceSpec } from '../../src/scenario/schema.ts';

const device = (spec: Record<string, unknown>) => buildDevice(deviceSpec.parse({ port: 'unix', version: '1.27.0', ...spec }));

describe('the installer imports itself and its client through sys.path', () => {
  it('frozen mip and requests on the default path: nothing to say', async () => {
    const d = await device({});
    expect(() => checkInstallerImports(d, 'mip')).not.toThrow();
  });
  it('no .frozen on sys.path: the installer itself is an ImportError', async () => {
    const d = await device({ sysPath: ['', '/lib'] });
    expect(() => checkInstallerImports(d, 'mip')).toThrow(PyException);
    expect(() => checkInstallerImports(d, 'mip')).toThrow("no module named 'mip'");
  });
  it('a /lib/requests.py before .frozen is what mip would run: the model says so instead of using its own client', async () => {
    const d = await device({ sysPath: ['', '/lib', '.frozen'], files: { '/lib/requests.py': 'def get(u):\n    pass\n' } });
    expect(() => checkInstallerImports(d, 'mip')).toThrow(ShadowedInstallerModule);
    expect(() => checkInstallerImports(d, 'mip')).toThrow('mip imports requests from /lib/requests.py');
  });
  it('the same file after .frozen changes nothing', async () => {
    const d = await device({ sysPath: ['', '.frozen', '/lib'], files: { '/lib/requests.py': '' } });
    expect(() => checkInstallerImports(d, 'mip')).not.toThrow();
  });
  // micropython#8422: a ~/.micropython/lib/sys.py broke `micropython -m upip` on 1.19.1 (the
  // binary: AttributeError: 'module' object has no attribute 'argv'). The model used to install.
  it('up to 1.20, a sys.py on the path is the sys the installer imports; from 1.21 it is not', async () => {
    const d19 = await device({ version: '1.19.1', files: { '/home/.micropython/lib/sys.py': '' } });
    expect(() => checkInstallerImports(d19, 'upip')).toThrow('upip imports sys from /home/.micropython/lib/sys.py');
    const d20 = await device({ version: '1.20.0', files: { '/home/.micropython/lib/sys.py': '' } });
    expect(() => checkInstallerImports(d20, 'mip')).toThrow('mip imports sys from /home/.micropython/lib/sys.py');
    const d21 = await device({ version: '1.22.2', files: { '/home/.micropython/lib/sys.py': '' } });
    expect(() => checkInstallerImports(d21, 'mip')).not.toThrow();
  });
  it('1.20 mip imports urequests; 1.19.1 upip imports upip_utarfile', async () => {
    const d20 = await device({ version: '1.20.0', sysPath: ['', '/lib', '.frozen'], files: { '/lib/urequests.py': '' } });
    expect(() => checkInstallerImports(d20, 'mip')).toThrow('mip imports urequests from /lib/urequests.py');
    const d19 = await device({ version: '1.19.1', sysPath: ['', '/lib', '.frozen'], files: { '/lib/upip_utarfile.py': '' } });
    expect(() => checkInstallerImports(d19, 'upip')).toThrow('upip imports upip_utarfile from /lib/upip_utarfile.py');
  });
});

