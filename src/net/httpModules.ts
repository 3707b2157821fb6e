/**
 * Which HTTP client module a MicroPython release freezes for mip, and at which version. Checked
 * against the micropython-lib commit each tag pins (`lib/micropython-lib`): the `version=` of
 * `python-ecosys/{urequests,requests}/manifest.py`. The client model (httpClient.ts) picks its
 * behaviour from this; which installer a release freezes is installers/installerVersions.ts.
 */
import { compareVersions, type Version } from '../scenario/version.ts';

/** The HTTP client module the installer imports: `urequests` (v1.20) or `requests`. */
export interface HttpModule {
  name: 'urequests' | 'requests';
  version: string;
}

/** Rows in ascending runtime order; a runtime uses the last row whose `from` it reaches. */
const TABLE: ReadonlyArray<{ from: Version; http: HttpModule }> = [
  { from: '1.20.0', http: { name: 'urequests', version: '0.7.0' } },
  { from: '1.21.0', http: { name: 'requests', version: '0.8.1' } },
  { from: '1.23.0', http: { name: 'requests', version: '0.9.0' } },
  { from: '1.24.0', http: { name: 'requests', version: '0.10.0' } },
  { from: '1.25.0', http: { name: 'requests', version: '0.10.2' } },
  // micropython master pins micropython-lib master (2026-08): requests 1.1.1.
  { from: 'master', http: { name: 'requests', version: '1.1.1' } },
];

/**
 * The HTTP module mip uses on a runtime, or an error when the runtime has none (upip era).
 *
 * @example
 * httpModuleFor('1.24.1') // { name: 'requests', version: '0.10.0' }
 */
export function httpModuleFor(runtime: Version): HttpModule {
  let found: HttpModule | undefined;
  for (const row of TABLE) if (compareVersions(runtime, row.from) >= 0) found = row.http;
  if (!found) {
    throw new Error(`runtime ${runtime} freezes no requests/urequests module (upip talks to sockets itself); use 1.20.0 or newer`);
  }
  return found;
}
