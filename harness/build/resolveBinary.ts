import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/UsageError.ts';
import { CONFIG_CHOICES, DEFAULT_CONFIG, buildConfig } from './buildConfigs.ts';
import { cacheRoot, cachedBinary } from './buildCache.ts';
import { parseVersionSpec } from './versionSpec.ts';
import { SOURCE_ENV } from './sourceCheckout.ts';

export interface ResolveOptions {
  /** Where the name came from, for messages: `--micropython` or `MIPRIG_MICROPYTHON`. */
  from?: string;
  env?: NodeJS.ProcessEnv;
  /** The directory a bare name is looked up in (default: the working directory). */
  cwd?: string;
}

/**
 * What `--micropython` (or a `MIPRIG_MICROPYTHON` entry) names: a path stays a path — anything
 * containing `/`, or an existing file — and a version, optionally with a configuration
 * (`1.22.2`, `v1.22.2`, `1.22.2-nobtree`), is the cached build of it (see `miprig build`).
 * Throws a one-line {@link UsageError} for an unknown configuration or a build the cache lacks.
 *
 * @example
 * resolveBinary('1.22.2');            // '/home/a/.cache/miprig/micropython/1.22.2-default/micropython'
 * resolveBinary('1.22.2-nobtree');    // '…/micropython/1.22.2-nobtree/micropython'
 * resolveBinary('~/mp/micropython');  // '~/mp/micropython' (a path, unchanged)
 */
export function resolveBinary(spec: string, options: ResolveOptions = {}): string {
  const env = options.env ?? process.env;
  if (spec.includes('/') || existsSync(path.resolve(options.cwd ?? process.cwd(), spec))) return spec;
  const parsed = parseVersionSpec(spec);
  if (!parsed) return spec; // not a version: a path, which the backend checks and names if wrong
  const from = options.from ?? '--micropython';
  const config = parsed.config === undefined ? buildConfig(DEFAULT_CONFIG)! : buildConfig(parsed.config);
  if (!config) {
    throw new UsageError(
      `${from} ${spec}: unknown build config "${String(parsed.config)}": use ${CONFIG_CHOICES} (e.g. ${parsed.version}-nobtree)`,
    );
  }
  const binary = cachedBinary(cacheRoot(env), parsed.version, config.name);
  if (binary) return binary;
  const configFlag = config.name === DEFAULT_CONFIG ? '' : ` --config ${config.name}`;
  const sourceFlag = env[SOURCE_ENV]?.trim() ? '' : ' --source PATH/TO/micropython';
  throw new UsageError(`no cached build of ${parsed.version} (${config.name}): run \`miprig build ${parsed.version}${configFlag}${sourceFlag}\``);
}

/**
 * {@link resolveBinary} for each entry, in order.
 *
 * @example
 * resolveBinaries(binariesFromEnv(), { from: 'MIPRIG_MICROPYTHON' });
 */
export function resolveBinaries(specs: readonly string[], options: ResolveOptions = {}): string[] {
  return specs.map((spec) => resolveBinary(spec, options));
}
