/**
 * Which installer and which HTTP module a MicroPython release freezes. Checked against the
 * micropython-lib commit each tag pins (`lib/micropython-lib`): the `version=` of
 * `micropython/mip/manifest.py` and `python-ecosys/{urequests,requests}/manifest.py`.
 */
import type { InstallerName } from '../scenario/schema.ts';
import { compareVersions, type Version } from '../scenario/version.ts';

/** The HTTP client module the installer imports: `urequests` (v1.20) or `requests`. */
export interface HttpModule {
  name: 'urequests' | 'requests';
  version: string;
}

/** What a runtime freezes: mip plus its HTTP module, or the old upip. */
export type FrozenInstaller =
  | { name: 'mip'; version: string; http: HttpModule }
  | { name: 'upip' };

/** Rows in ascending runtime order; a runtime uses the last row whose `from` it reaches. */
const TABLE: ReadonlyArray<{ from: Version; installer: FrozenInstaller }> = [
  { from: '1.20.0', installer: { name: 'mip', version: '0.2.0', http: { name: 'urequests', version: '0.7.0' } } },
  { from: '1.21.0', installer: { name: 'mip', version: '0.2.0', http: { name: 'requests', version: '0.8.1' } } },
  { from: '1.23.0', installer: { name: 'mip', version: '0.3.0', http: { name: 'requests', version: '0.9.0' } } },
  { from: '1.24.0', installer: { name: 'mip', version: '0.3.0', http: { name: 'requests', version: '0.10.0' } } },
  { from: '1.25.0', installer: { name: 'mip', version: '0.4.1', http: { name: 'requests', version: '0.10.2' } } },
  { from: '1.27.0', installer: { name: 'mip', version: '0.4.2', http: { name: 'requests', version: '0.10.2' } } },
  // micropython master pins micropython-lib master (2026-08): mip 0.5.0, requests 1.1.1.
  { from: 'master', installer: { name: 'mip', version: '0.5.0', http: { name: 'requests', version: '1.1.1' } } },
];

/**
 * The installer frozen into a runtime. v1.19.1 and older froze `upip`.
 *
 * @example
 * frozenInstaller('1.22.2') // { name: 'mip', version: '0.2.0', http: { name: 'requests', version: '0.8.1' } }
 * frozenInstaller('1.19.1') // { name: 'upip' }
 */
export function frozenInstaller(runtime: Version): FrozenInstaller {
  let found: FrozenInstaller = { name: 'upip' };
  for (const row of TABLE) {
    if (compareVersions(runtime, row.from) >= 0) found = row.installer;
  }
  return found;
}

/**
 * The mip version frozen into a runtime, or an error naming the runtime when it froze upip.
 *
 * @example
 * mipVersionFor('1.25.0') // '0.4.1'
 */
export function mipVersionFor(runtime: Version): string {
  const installer = frozenInstaller(runtime);
  if (installer.name !== 'mip') {
    throw new Error(`runtime ${runtime} freezes upip, not mip (mip is frozen from 1.20.0); use the upip model`);
  }
  return installer.version;
}

/**
 * The HTTP module mip uses on a runtime, or an error when the runtime has none (upip era).
 *
 * @example
 * httpModuleFor('1.24.1') // { name: 'requests', version: '0.10.0' }
 */
export function httpModuleFor(runtime: Version): HttpModule {
  const installer = frozenInstaller(runtime);
  if (installer.name !== 'mip') {
    throw new Error(
      `runtime ${runtime} freezes no requests/urequests module (upip talks to sockets itself); use 1.20.0 or newer`,
    );
  }
  return installer.http;
}

/**
 * The installer a scenario step runs on a runtime, as an Observation names it, or null when that
 * runtime has no such installer (mip before 1.20, upip from 1.20).
 *
 * @example
 * installerFor('mip-cmdline', '1.27.0') // { name: 'mip', version: '0.4.2' }
 * installerFor('upip', '1.19.1')        // { name: 'upip', version: '1.19.1' }
 */
export function installerFor(
  installer: 'mip' | 'mip-cmdline' | 'upip' | 'upip-cmdline' | 'micropip',
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
  if (installer === 'micropip') return undefined;
  return installer.startsWith('upip') ? 'upip' : 'mip';
}
