/**
 * How a release is named on the command line: `1.22.2` or `v1.22.2` (a release tag), optionally
 * followed by `-config` where a build is meant (`1.22.2-nobtree`).
 */

/** A release tag as git spells it (`v1.22.2`) and as the cache and the binary do (`1.22.2`). */
export interface ReleaseTag {
  tag: string;
  version: string;
}

const RELEASE = /^v?(\d+\.\d+(?:\.\d+)?)$/;
const WITH_CONFIG = /^v?(\d+\.\d+(?:\.\d+)?)(?:-([A-Za-z0-9_]+))?$/;

/**
 * The release tag named by `1.22.2` or `v1.22.2`; undefined for anything else.
 *
 * @example
 * releaseTag('1.22.2'); // { tag: 'v1.22.2', version: '1.22.2' }
 * releaseTag('master'); // undefined
 */
export function releaseTag(text: string): ReleaseTag | undefined {
  const m = RELEASE.exec(text.trim());
  return m ? { tag: `v${m[1]!}`, version: m[1]! } : undefined;
}

/**
 * Split a build name into version and configuration: `1.22.2` → default configuration,
 * `1.22.2-nobtree` → `nobtree`. The configuration is returned as written (the caller checks it
 * names a known one); undefined when the text is not a version at all (e.g. a path).
 *
 * @example
 * parseVersionSpec('1.22.2-nobtree'); // { version: '1.22.2', config: 'nobtree' }
 * parseVersionSpec('v1.27.0');        // { version: '1.27.0', config: undefined }
 * parseVersionSpec('./micropython');  // undefined
 */
export function parseVersionSpec(text: string): { version: string; config: string | undefined } | undefined {
  const m = WITH_CONFIG.exec(text.trim());
  return m ? { version: m[1]!, config: m[2] } : undefined;
}
