import type { DeviceSpec } from '../scenario/schema.ts';
import { materialize } from '../content/materialize.ts';
import type { BuildProfile } from './buildProfile.ts';
import { createVirtualDevice, type VirtualDevice } from './VirtualDevice.ts';

/**
 * A virtual device built from a scenario's device spec: its files (including those inside mounts)
 * materialised, on the given build (upstream defaults when omitted).
 *
 * @example
 * const device = await buildDevice(deviceSpec.parse({ version: '1.22.2', files: { '/lib/a.py': 'x = 1' } }));
 * device.importModule('a').origin; // { kind: 'file', path: '/lib/a.py' }
 */
export async function buildDevice(spec: DeviceSpec, build?: BuildProfile): Promise<VirtualDevice> {
  return createVirtualDevice(spec, await deviceFiles(spec), build);
}

/**
 * A device spec's initial files, materialised: `files` and each mount's files (relative names
 * under the mount point), keyed by absolute device path.
 *
 * @example
 * await deviceFiles(deviceSpec.parse({ files: { '/lib/a.py': 'x = 1' } })); // Map { '/lib/a.py' => Uint8Array }
 */
export async function deviceFiles(spec: DeviceSpec): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [path, content] of Object.entries(spec.files)) files.set(path, await materialize(content));
  for (const mount of spec.mounts) {
    for (const [path, content] of Object.entries(mount.files ?? {})) {
      const abs = path.startsWith('/') ? path : `${mount.path.replace(/\/$/, '')}/${path}`;
      files.set(abs, await materialize(content));
    }
  }
  return files;
}
