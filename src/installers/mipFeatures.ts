/**
 * What differs between the mip versions frozen into releases (micropython-lib
 * `micropython/mip/mip/__init__.py` at each pinned commit): 0.2.0 (v1.20–v1.22),
 * 0.3.0 (v1.23–v1.24), 0.4.1 (v1.25–v1.26), 0.4.2 (v1.27–v1.28, `_CHUNK_SIZE` made const only),
 * 0.5.0 (master).
 */
import { atLeast, compareVersions } from '../scenario/version.ts';

export interface MipFeatures {
  version: string;
  /** `allowed_mip_url_prefixes`: specs starting with one of these are URLs, anything else an index name. */
  urlPrefixes: readonly string[];
  /** 0.4.1+: `sys.path` entries starting with `/rom` are never the default target. */
  skipRomTargets: boolean;
  /** 0.4.0+: a `urls` value without an allowed prefix is joined to the package.json's base. */
  relativeUrls: boolean;
  /**
   * How `_rewrite_url` builds the URL: `concat` (0.2–0.4, `"…" + branch`, so a non-str version
   * raises TypeError) or `format` (0.5.0, `str.format`, so any version is stringified).
   */
  rewriteStyle: 'concat' | 'format';
  /**
   * Dependency rounds completed before a dependency cycle hits MicroPython's recursion limit on
   * the reference build; the next round prints its `Installing` line and its `requests.get`
   * raises `RuntimeError: maximum recursion depth exceeded`. Measured bare (`micropython -m mip
   * install`, LD_PRELOAD shim, nothing of the harness on the stack): 113 package JSON requests,
   * 170 requests in all, on unix x64 1.20.0, 1.22.2, 1.24.1 and 1.27.0, each built three ways
   * (upstream defaults, system mbedTLS, btree off). The limit comes from the C stack, so other
   * builds scale it by their probed recursion depth (buildProfile.ts `scaleByStack`).
   */
  cycleRounds: number;
}

/** Rounds before the recursion limit on unix x64; see `MipFeatures.cycleRounds`. */
export const ESTIMATED_CYCLE_ROUNDS = 113;

/** The mip versions some release (or master) freezes. */
export const KNOWN_MIP_VERSIONS = ['0.2.0', '0.3.0', '0.4.1', '0.4.2', '0.5.0'] as const;

/**
 * The behaviour switches of one mip version.
 *
 * @example
 * mipFeatures('0.3.0').urlPrefixes // ['http://', 'https://', 'github:', 'gitlab:']
 */
export function mipFeatures(version: string): MipFeatures {
  if (!/^\d+\.\d+\.\d+$/.test(version) || compareVersions(version, '0.2.0') < 0) {
    throw new Error(`no model of mip ${version}; modelled: ${KNOWN_MIP_VERSIONS.join(', ')}`);
  }
  const urlPrefixes = ['http://', 'https://'];
  if (atLeast(version, '0.5.0')) urlPrefixes.push('codeberg:');
  urlPrefixes.push('github:');
  if (atLeast(version, '0.3.0')) urlPrefixes.push('gitlab:');
  return {
    version,
    urlPrefixes,
    skipRomTargets: atLeast(version, '0.4.1'),
    relativeUrls: atLeast(version, '0.4.0'),
    rewriteStyle: atLeast(version, '0.5.0') ? 'format' : 'concat',
    cycleRounds: ESTIMATED_CYCLE_ROUNDS,
  };
}
