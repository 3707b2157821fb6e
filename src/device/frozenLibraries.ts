/**
 * Which libraries a MicroPython release freezes for installing packages: mip (with its HTTP
 * module, net/httpModules.ts) from 1.20.0, upip before. Checked against the micropython-lib commit
 * each tag pins (`lib/micropython-lib`): the `version=` of `micropython/mip/manifest.py`. A runtime
 * fact, used by the installer models and by the virtual device; real binaries are probed instead.
 */
import { compareVersions, type Version } from '../scenario/version.ts';
import { httpModuleFor, type HttpModule } from '../net/httpModules.ts';

export { httpModuleFor, type HttpModule };

/** What a runtime freezes: mip plus its HTTP module, or the old upip. */
export type FrozenInstaller =
  | { name: 'mip'; version: string; http: HttpModule }
  | { name: 'upip' };

/** Rows in ascending runtime order; a runtime uses the last row whose `from` it reaches. */
const TABLE: ReadonlyArray<{ from: Version; mip: string }> = [
  { from: '1.20.0', mip: '0.2.0' },
  { from: '1.23.0', mip: '0.3.0' },
  { from: '1.25.0', mip: '0.4.1' },
  { from: '1.27.0', mip: '0.4.2' },
  // micropython master pins micropython-lib master (2026-08): mip 0.5.0.
  { from: 'master', mip: '0.5.0' },
];

/**
 * The installer frozen into a runtime. v1.19.1 and older froze `upip`.
 *
 * @example
 * frozenInstaller('1.22.2') // { name: 'mip', version: '0.2.0', http: { name: 'requests', version: '0.8.1' } }
 * frozenInstaller('1.19.1') // { name: 'upip' }
 */
export function frozenInstaller(runtime: Version): FrozenInstaller {
  let mip: string | undefined;
  for (const row of TABLE) if (compareVersions(runtime, row.from) >= 0) mip = row.mip;
  return mip === undefined ? { name: 'upip' } : { name: 'mip', version: mip, http: httpModuleFor(runtime) };
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
