import { UsageError } from './UsageError.ts';
import { CONFIG_CHOICES, DEFAULT_CONFIG, assertSupported, buildConfig, type BuildConfig } from '../build/buildConfigs.ts';
import { cacheRoot, cachedBinary, listCachedBuilds } from '../build/buildCache.ts';
import { buildMicropython } from '../build/buildMicropython.ts';
import { BuildInterrupted } from '../build/interruptGuard.ts';
import { sourceCheckout } from '../build/sourceCheckout.ts';
import { checkSubmodules } from '../build/submodules.ts';
import { readTag, type TagFacts } from '../build/TagFacts.ts';

export interface BuildCommandOptions {
  /** `--config`, repeatable, each possibly a comma list. */
  config?: string[];
  source?: string;
  force?: boolean;
  verbose?: boolean;
  list?: boolean;
}

/**
 * `miprig build <tag...> [--config …] [--source DIR] [--force] [--verbose]`: build unix binaries
 * from the user's checkout into the cache, so `--micropython 1.22.2` finds them; `miprig build
 * --list` shows the cache. Every tag and submodule is checked before the first build starts.
 * Exit 0 when every build is there, 1 when a make failed, 2 for a usage error, 130 when
 * interrupted.
 *
 * @example
 * process.exitCode = await buildCommand(['1.22.2', '1.27.0'], { config: ['default,nobtree'], source: '~/src/micropython' });
 */
export async function buildCommand(tags: string[], opts: BuildCommandOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cache = cacheRoot(env);
  if (opts.list) return listBuilds(cache);
  const configs = parseConfigs(opts.config ?? []);
  if (tags.length === 0) {
    throw new UsageError('build needs a release tag, e.g. `miprig build 1.27.0 --source PATH/TO/micropython` (or --list for the cache)');
  }
  const checkout = await sourceCheckout(opts.source, env);
  const facts: TagFacts[] = [];
  for (const tag of tags) {
    const f = await readTag(checkout, tag);
    if (!facts.some((g) => g.tag === f.tag)) facts.push(f);
  }
  // Check every build can start first, so a missing submodule stops before minutes of compiling.
  const jobs: Array<{ tag: TagFacts; config: BuildConfig }> = [];
  for (const tag of facts) {
    for (const config of configs) {
      if (opts.force || !cachedBinary(cache, tag.version, config.name)) {
        assertSupported(config, tag);
        await checkSubmodules(checkout, tag, config.submodules(tag));
      }
      jobs.push({ tag, config });
    }
  }

  let failed = 0;
  for (const { tag, config } of jobs) {
    const label = `${tag.version} (${config.name})`;
    let outcome;
    try {
      outcome = await buildMicropython({
        checkout,
        tag,
        config,
        cache,
        ...(opts.force ? { force: true } : {}),
        ...(opts.verbose ? { verbose: true } : {}),
        env,
      });
    } catch (err) {
      if (err instanceof BuildInterrupted) {
        process.stderr.write(`miprig: ${label}: build interrupted (${err.signal}); its temporary tree was removed\n`);
        return 130;
      }
      throw err;
    }
    if (outcome.kind === 'cached') {
      process.stdout.write(`${label}: already built: ${outcome.binary} (--force rebuilds it)\n`);
    } else if (outcome.kind === 'built') {
      process.stdout.write(`${label}: built ${outcome.binary} (${formatSeconds(outcome.seconds)})\n`);
    } else {
      failed++;
      const lines = [
        `miprig: ${label}: ${outcome.reason}; last ${outcome.tail.length} lines of the log:`,
        ...outcome.tail.map((l) => `  ${l}`),
        `miprig: ${label}: full log: ${outcome.logFile}`,
        ...outcome.hints.map((h) => `miprig: ${label}: hint: ${h}`),
      ];
      process.stderr.write(`${lines.join('\n')}\n`);
    }
  }
  return failed ? 1 : 0;
}

/** `--config a --config b,c` → the configurations, in order, once each; default `default`. */
function parseConfigs(values: string[]): BuildConfig[] {
  const names = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) names.push(DEFAULT_CONFIG);
  const out: BuildConfig[] = [];
  for (const name of names) {
    const config = buildConfig(name);
    if (!config) throw new UsageError(`--config ${name}: unknown build config: use ${CONFIG_CHOICES} (repeatable or a comma list)`);
    if (!out.includes(config)) out.push(config);
  }
  return out;
}

async function listBuilds(cache: string): Promise<number> {
  const builds = await listCachedBuilds(cache);
  if (builds.length === 0) {
    process.stdout.write(`no cached builds in ${cache} (make one: miprig build 1.27.0 --source PATH/TO/micropython)\n`);
    return 0;
  }
  const rows = [['version', 'config', 'TLS', 'path'], ...builds.map((b) => [b.version, b.config, b.record?.tls ?? '?', b.binary])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) process.stdout.write(`${r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ')}\n`);
  return 0;
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
