/**
 * The installer's own imports resolve through the device's `sys.path` like any import: a device
 * without `.frozen` on its path cannot import the frozen installer at all, and a filesystem module
 * found before the frozen one (e.g. `/lib/requests.py` ahead of `.frozen`) is what the real
 * installer runs — code the model cannot execute.
 */
import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';
import { compareVersions } from '../scenario/version.ts';

/**
 * A module the installer would run from the filesystem: the model cannot know what it does, so
 * the run ends with status `error` and this message, naming the file.
 */
export class ShadowedInstallerModule extends Error {
  constructor(
    message: string,
    /** The module found on the filesystem (`requests`). */
    readonly module: string,
  ) {
    super(message);
  }
}

/**
 * Modules the frozen installer imports that a filesystem copy can shadow: its HTTP client (mip
 * 0.2.0 on v1.20 imports `urequests`, from v1.21 `requests`, both frozen) and upip's tar reader
 * (`upip_utarfile`, frozen), and — up to 1.20, where `sys` is only a weak link to the built-in
 * `usys` — `sys`, which both import by that name: a `sys.py` on the path is what they get
 * (micropython#8422: `AttributeError: 'module' object has no attribute 'argv'` from `-m upip`).
 * Their `u`-named built-ins (`usocket`, `ussl`, `ujson`) are found before the filesystem on the
 * versions that use them, so they cannot be shadowed.
 *
 * @example
 * installerDependencies('mip', '1.22.2') // ['requests']
 * installerDependencies('upip', '1.19.1') // ['upip_utarfile', 'sys']
 */
export function installerDependencies(module: 'mip' | 'upip', version: string): string[] {
  const weakSys = compareVersions(version, '1.21.0') < 0 ? ['sys'] : [];
  if (module === 'upip') return ['upip_utarfile', ...weakSys];
  return [compareVersions(version, '1.21.0') < 0 ? 'urequests' : 'requests', ...weakSys];
}

/**
 * `import mip` / `import upip` and what they import, on the device's `sys.path`: throws the
 * `ImportError` the binary raises, or {@link ShadowedInstallerModule} for a filesystem module the
 * model would otherwise silently replace by its own code.
 *
 * @example
 * checkInstallerImports(device, 'mip'); // throws ImportError: no module named 'mip' without .frozen on sys.path
 */
export function checkInstallerImports(device: Device, module: 'mip' | 'upip'): void {
  for (const name of [module, ...installerDependencies(module, device.version)]) {
    const origin = device.importModule(name).origin;
    if (origin.kind === 'error') {
      throw PyException.fromLine(origin.line);
    }
    if (origin.kind === 'file' || origin.kind === 'namespace') {
      const where = origin.kind === 'file' ? origin.file : `a namespace package '${name}'`;
      throw new ShadowedInstallerModule(
        `${module} imports ${name} from ${where}, found on sys.path before the ${name === 'sys' ? 'built-in (only a weak link to usys up to 1.20)' : 'frozen one'}: the virtual device cannot run that module's code (run the scenario on a real binary to see what it does)`,
        name,
      );
    }
  }
}
