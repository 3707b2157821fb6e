/**
 * The installer a scenario step names, as reports name it, on a runtime (which runtime freezes
 * what is src/device/frozenLibraries.ts).
 */
import type { InstallerName } from '../scenario/schema.ts';
import type { Version } from '../scenario/version.ts';
import { frozenInstaller } from '../device/frozenLibraries.ts';

/**
 * The installer a scenario step runs on a runtime, as an Observation names it, or null when that
 * runtime has no such installer (mip before 1.20, upip from 1.20).
 *
 * @example
 * installerFor('mip-cmdline', '1.27.0') // { name: 'mip', version: '0.4.2' }
 * installerFor('upip', '1.19.1')        // { name: 'upip', version: '1.19.1' }
 */
export function installerFor(
  installer: InstallerName,
  runtime: Version,
): { name: string; version: string } | null {
  const frozen = frozenInstaller(runtime);
  switch (installer) {
    case 'mip':
    case 'mip-cmdline':
      return frozen.name === 'mip' ? { name: 'mip', version: frozen.version } : null;
    case 'upip':
    case 'upip-cmdline':
      // tools/upip.py carries no version number of its own: name it by the firmware tag.
      return frozen.name === 'upip' ? { name: 'upip', version: runtime } : null;
    case 'micropip':
      return { name: 'micropip', version: 'host' };
    case 'mpremote':
      // mpremote is released with the firmware; the model runs the one of the device's tag.
      return { name: 'mpremote', version: runtime };
  }
}

/**
 * The module an install step imports on the device (`mip` for mip and mip-cmdline, `upip` for
 * upip and upip-cmdline); undefined for micropip, which runs on the host.
 *
 * @example
 * installerModule('mip-cmdline') // 'mip'
 */
export function installerModule(installer: InstallerName): 'mip' | 'upip' | undefined {
  if (installer === 'micropip' || installer === 'mpremote') return undefined;
  return installer.startsWith('upip') ? 'upip' : 'mip';
}
