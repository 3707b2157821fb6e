import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Tiny git repositories for the builder's tests, made from inline file maps inside a temp root.
 * Every git call here and in the code under test runs with the user's and the system's git
 * configuration switched off (see {@link isolateGit}), so nothing outside the temp root is read.
 */

/** Point git at no global or system configuration and give it an identity; returns the restore function. */
export function isolateGit(): () => void {
  const vars: Record<string, string> = {
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'miprig test',
    GIT_AUTHOR_EMAIL: 'test@miprig.invalid',
    GIT_COMMITTER_NAME: 'miprig test',
    GIT_COMMITTER_EMAIL: 'test@miprig.invalid',
    GIT_AUTHOR_DATE: '2024-02-22T12:00:00Z',
    GIT_COMMITTER_DATE: '2024-02-22T12:00:00Z',
  };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** Run git in `dir`; returns trimmed stdout. */
export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * A repository at `dir` with one commit per file map (in order); returns the commits.
 *
 * @example
 * const [first, second] = await gitRepo(join(root, 'mbedtls'), [{ 'a.c': '1' }, { 'a.c': '2' }]);
 */
export async function gitRepo(dir: string, commits: Array<Record<string, string>>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  gitIn(dir, 'init', '-q', '-b', 'main');
  const shas: string[] = [];
  for (const [i, files] of commits.entries()) {
    await writeFiles(dir, files);
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '--allow-empty', '-m', `commit ${i}`);
    shas.push(gitIn(dir, 'rev-parse', 'HEAD'));
  }
  return shas;
}

/**
 * Commit `files` plus submodule pins (gitlinks: path → commit) in `dir` and tag the commit.
 *
 * @example
 * await commitRelease(checkout, 'v1.22.2', { 'py/mpconfig.h': '' }, { 'lib/mbedtls': sha });
 */
export async function commitRelease(dir: string, tag: string, files: Record<string, string>, pins: Record<string, string>): Promise<string> {
  await writeFiles(dir, files);
  if (Object.keys(files).length) gitIn(dir, 'add', '--', ...Object.keys(files));
  for (const [path, sha] of Object.entries(pins)) gitIn(dir, 'update-index', '--add', '--cacheinfo', `160000,${sha},${path}`);
  gitIn(dir, 'commit', '-q', '-m', `release ${tag}`);
  gitIn(dir, 'tag', tag);
  return gitIn(dir, 'rev-parse', 'HEAD');
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}

/** The files a directory needs for `sourceCheckout` and `readTag` to take it for micropython. */
export const MICROPYTHON_FILES: Record<string, string> = {
  'py/mpconfig.h': '#define MICROPY_VERSION_MAJOR 1\n',
  'ports/unix/Makefile': '# the real one is not needed: these tests never get as far as a successful make\n',
  'ports/unix/mpconfigport.mk': 'MICROPY_PY_BTREE = 1\nMICROPY_SSL_AXTLS = 0\nMICROPY_SSL_MBEDTLS = 1\n',
};
