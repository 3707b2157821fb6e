import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildConfig, type BuildConfigName } from './buildConfigs.ts';

/*
 * The cache of built binaries:
 *
 *   <cache>/micropython/<version>-<config>/micropython   the unix-port binary
 *                                          mpy-cross     built from the same tree (found by the
 *                                                        unix backend next to the binary)
 *                                          build.json    how it was built (BuildRecord)
 *   <cache>/logs/<version>-<config>.log                  the make log of the latest build
 *   <cache>/tmp/                                         source trees while a build runs
 *
 * An entry appears by renaming a finished directory into place, so it is there whole or not at all.
 */

/** File names inside a cache entry. */
export const BINARY_FILE = 'micropython';
export const MPY_CROSS_FILE = 'mpy-cross';
export const RECORD_FILE = 'build.json';

/** What `build.json` records about a build. */
export interface BuildRecord {
  /** Layout version of this record. */
  miprig: 1;
  version: string;
  tag: string;
  commit: string;
  config: BuildConfigName;
  /** The TLS implementation compiled in: `mbedtls (bundled)`, `axtls (bundled)`, `mbedtls (system)`. */
  tls: string;
  /** The make commands, run from the top of the source tree. */
  make: string[];
  /** Submodule path → the commit used (the one the tag pins). */
  submodules: Record<string, string>;
  /** The checkout it was built from. */
  source: string;
  /** When the build finished (ISO 8601). */
  builtAt: string;
}

/** One cache entry, as `miprig build --list` shows it. */
export interface CachedBuild {
  version: string;
  config: BuildConfigName;
  /** Absolute path of the binary. */
  binary: string;
  /** The entry's build.json, when it has a readable one. */
  record?: BuildRecord;
}

/** The cache directory (harness/cacheDir.ts), shared with the LD_PRELOAD shim. */
export { cacheDir as cacheRoot } from '../cacheDir.ts';

/**
 * The directory of one build in the cache.
 *
 * @example
 * entryDir('/home/a/.cache/miprig', '1.22.2', 'nobtree'); // '/home/a/.cache/miprig/micropython/1.22.2-nobtree'
 */
export function entryDir(root: string, version: string, config: BuildConfigName): string {
  return path.join(root, 'micropython', `${version}-${config}`);
}

/**
 * The cached binary of `version` in `config`, or undefined when the cache has none.
 *
 * @example
 * cachedBinary(cacheRoot(), '1.22.2', 'default'); // '/home/a/.cache/miprig/micropython/1.22.2-default/micropython'
 */
export function cachedBinary(root: string, version: string, config: BuildConfigName): string | undefined {
  const binary = path.join(entryDir(root, version, config), BINARY_FILE);
  return existsSync(binary) && statSync(binary).isFile() ? binary : undefined;
}

/**
 * The log file of the latest build of `version` in `config`.
 *
 * @example
 * logFile(root, '1.27.0', 'default'); // '<root>/logs/1.27.0-default.log'
 */
export function logFile(root: string, version: string, config: BuildConfigName): string {
  return path.join(root, 'logs', `${version}-${config}.log`);
}

/**
 * Where build trees live while a build runs (each is removed when its build ends).
 *
 * @example
 * tmpDir('/home/a/.cache/miprig'); // '/home/a/.cache/miprig/tmp'
 */
export function tmpDir(root: string): string {
  return path.join(root, 'tmp');
}

/**
 * Every build in the cache, sorted by version then configuration. Directories that are not
 * `<version>-<known config>` or have no binary are not builds and are left out.
 *
 * @example
 * (await listCachedBuilds(cacheRoot())).map((b) => `${b.version}-${b.config}`); // ['1.22.2-default', '1.27.0-nobtree']
 */
export async function listCachedBuilds(root: string): Promise<CachedBuild[]> {
  let names: string[];
  try {
    names = await readdir(path.join(root, 'micropython'));
  } catch {
    return [];
  }
  const builds: CachedBuild[] = [];
  for (const name of names) {
    const dash = name.lastIndexOf('-');
    if (dash <= 0) continue;
    const version = name.slice(0, dash);
    const config = buildConfig(name.slice(dash + 1))?.name;
    if (!config || !/^\d+\.\d+(\.\d+)?$/.test(version)) continue;
    const binary = cachedBinary(root, version, config);
    if (!binary) continue;
    const record = await readRecord(path.join(entryDir(root, version, config), RECORD_FILE));
    builds.push({ version, config, binary, ...(record ? { record } : {}) });
  }
  return builds.sort((a, b) => compareVersions(a.version, b.version) || a.config.localeCompare(b.config));
}

async function readRecord(file: string): Promise<BuildRecord | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<BuildRecord>;
    return parsed && parsed.miprig === 1 ? (parsed as BuildRecord) : undefined;
  } catch {
    return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
