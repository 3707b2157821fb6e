import { existsSync, rmSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { assertSupported, formatMake, makeCommands, type BuildConfig } from './buildConfigs.ts';
import {
  BINARY_FILE,
  MPY_CROSS_FILE,
  RECORD_FILE,
  cachedBinary,
  entryDir,
  logFile,
  tmpDir,
  type BuildRecord,
} from './buildCache.ts';
import { gitArchiveInto } from './git.ts';
import { withInterruptGuard } from './interruptGuard.ts';
import { makeHints } from './makeHints.ts';
import { makeEnvironment, runMake } from './runMake.ts';
import { checkSubmodules, exportSubmodules } from './submodules.ts';
import type { TagFacts } from './TagFacts.ts';

/** How many lines of the make log a failure shows. */
export const FAILURE_TAIL_LINES = 30;

export interface BuildRequest {
  /** The user's micropython checkout (top of its work tree). */
  checkout: string;
  tag: TagFacts;
  config: BuildConfig;
  /** The cache directory (`cacheRoot()`). */
  cache: string;
  /** Rebuild even when the cache has this build. */
  force?: boolean;
  /** Stream make's output instead of one progress line per phase. */
  verbose?: boolean;
  /** `make -j`; default `os.availableParallelism()`. */
  jobs?: number;
  /** Where progress lines go; default stderr. */
  progress?: (line: string) => void;
  /** The environment make starts from; default this process's. */
  env?: NodeJS.ProcessEnv;
}

export type BuildOutcome =
  | { kind: 'cached'; binary: string }
  | { kind: 'built'; binary: string; record: BuildRecord; seconds: number }
  | {
      kind: 'failed';
      /** What failed, e.g. `make -C ports/unix -j2 exited with status 2`. */
      reason: string;
      logFile: string;
      /** The last {@link FAILURE_TAIL_LINES} lines of the log. */
      tail: string[];
      /** What to install, when the log shows a known missing package. */
      hints: string[];
    };

/**
 * Build one release in one configuration from the user's checkout into the cache, the way
 * `uv python install` provides Pythons: the tag's tree and the submodules it pins are exported
 * with `git archive` into a temporary tree under `<cache>/tmp`, `make -C mpy-cross` and
 * `make -C ports/unix` run there, and the binary, `mpy-cross` and a `build.json` are moved into
 * `<cache>/micropython/<version>-<config>/`. The temporary tree is removed however the build
 * ends, SIGINT included. A setup problem (submodule missing, no make) throws a one-line
 * `UsageError`; a failing make is a `failed` outcome with the log's last lines.
 *
 * @example
 * const outcome = await buildMicropython({
 *   checkout: '/src/micropython', tag: await readTag('/src/micropython', '1.27.0'),
 *   config: buildConfig('default')!, cache: cacheRoot(),
 * });
 * if (outcome.kind === 'built') outcome.binary; // '~/.cache/miprig/micropython/1.27.0-default/micropython'
 */
export async function buildMicropython(request: BuildRequest): Promise<BuildOutcome> {
  const { checkout, tag, config, cache } = request;
  const progress = request.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const label = `${tag.version} (${config.name})`;
  const existing = cachedBinary(cache, tag.version, config.name);
  if (existing && !request.force) return { kind: 'cached', binary: existing };

  assertSupported(config, tag);
  const sources = await checkSubmodules(checkout, tag, config.submodules(tag));
  const jobs = request.jobs ?? os.availableParallelism();
  const commands = makeCommands(config, tag, jobs);
  const log = logFile(cache, tag.version, config.name);
  await mkdir(path.dirname(log), { recursive: true });
  await writeFile(log, `# miprig build ${label}: ${tag.tag} (${tag.commit}) from ${checkout}\n`);
  await mkdir(tmpDir(cache), { recursive: true });
  const tmp = await mkdtemp(path.join(tmpDir(cache), `${tag.version}-${config.name}-`));
  const tree = path.join(tmp, 'src');
  const started = performance.now();
  try {
    return await withInterruptGuard(
      () => rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }),
      async (scope): Promise<BuildOutcome> => {
        const subs = sources.length ? ` with ${sources.map((s) => s.path).join(', ')}` : '';
        progress(`${label}: exporting ${tag.tag} (${tag.commit.slice(0, 10)})${subs} from ${checkout}`);
        await gitArchiveInto(checkout, tag.commit, tree);
        scope.check();
        await exportSubmodules(checkout, sources, tree);
        scope.check();

        const env = makeEnvironment(request.env ?? process.env, {
          // The tree is no git checkout: give the version header what `git describe` would, keep
          // git from finding a repository above the cache, and date the build by the tag.
          MICROPY_GIT_TAG: tag.tag,
          MICROPY_GIT_HASH: tag.commit.slice(0, 10),
          GIT_CEILING_DIRECTORIES: tmp,
          SOURCE_DATE_EPOCH: String(tag.commitTime),
        });
        for (const args of commands) {
          progress(`${label}: ${formatMake(args)}`);
          const status = await runMake(args, { cwd: tree, env, logFile: log, verbose: request.verbose ?? false, scope });
          scope.check();
          if (status !== 0) return failure(`${formatMake(args)} exited with status ${String(status)}`, log);
        }

        const unix = config.unixMake(tag);
        const binary = firstFile([
          path.join(tree, 'ports/unix', unix.build, unix.prog),
          path.join(tree, 'ports/unix', unix.prog),
        ]);
        const mpyCross = firstFile([path.join(tree, 'mpy-cross/build/mpy-cross'), path.join(tree, 'mpy-cross/mpy-cross')]);
        if (!binary || !mpyCross) {
          return failure(`make succeeded but left no ${binary ? 'mpy-cross' : `ports/unix/${unix.build}/${unix.prog}`} in the tree`, log);
        }

        const entry = entryDir(cache, tag.version, config.name);
        progress(`${label}: installing into ${entry}`);
        const staged = path.join(tmp, 'entry');
        await mkdir(staged);
        await copyExecutable(binary, path.join(staged, BINARY_FILE));
        await copyExecutable(mpyCross, path.join(staged, MPY_CROSS_FILE));
        const record: BuildRecord = {
          miprig: 1,
          version: tag.version,
          tag: tag.tag,
          commit: tag.commit,
          config: config.name,
          tls: config.tls(tag),
          make: commands.map(formatMake),
          submodules: Object.fromEntries(sources.map((s) => [s.path, s.pinned])),
          source: checkout,
          builtAt: new Date().toISOString(),
        };
        await writeFile(path.join(staged, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
        scope.check();
        // Swap in whole: a rebuild moves the old entry into the temporary tree (removed below).
        await mkdir(path.dirname(entry), { recursive: true });
        if (existsSync(entry)) await rename(entry, path.join(tmp, 'replaced'));
        await rename(staged, entry);
        return {
          kind: 'built',
          binary: path.join(entry, BINARY_FILE),
          record,
          seconds: (performance.now() - started) / 1000,
        };
      },
    );
  } finally {
    await rm(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

async function failure(reason: string, log: string): Promise<BuildOutcome> {
  const text = await readFile(log, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { kind: 'failed', reason, logFile: log, tail: lines.slice(-FAILURE_TAIL_LINES), hints: makeHints(text) };
}

function firstFile(candidates: string[]): string | undefined {
  return candidates.find((p) => existsSync(p) && statSync(p).isFile());
}

async function copyExecutable(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  await chmod(to, 0o755);
}
