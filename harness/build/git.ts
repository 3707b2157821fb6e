import { mkdir } from 'node:fs/promises';
import { execa } from 'execa';
import { UsageError } from '../cli/UsageError.ts';

/*
 * git, as the builder runs it: with the user's own git configuration, C-locale output and no
 * prompts. Nothing here talks to a remote; the checkout is only read.
 */
const GIT_ENV = { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };

/**
 * Run `git -C dir …` and return its trimmed stdout; a failure is a one-line {@link UsageError}
 * naming the command and git's own last line.
 *
 * @example
 * await git('/src/micropython', ['rev-parse', 'HEAD']); // '1c3c2011…'
 */
export async function git(dir: string, args: string[]): Promise<string> {
  const r = await run(dir, args);
  if (r.exitCode !== 0) {
    const why = lastLine(r.stderr) || `exit ${String(r.exitCode)}`;
    throw new UsageError(`\`git -C ${dir} ${args.join(' ')}\` failed: ${why}`);
  }
  return r.stdout.trim();
}

/**
 * Like {@link git}, but a failing command gives undefined instead of throwing (for questions:
 * does this tag, this commit exist?).
 *
 * @example
 * await gitOk('/src/micropython', ['rev-parse', '--verify', '--quiet', 'refs/tags/v9.9.9']); // undefined
 */
export async function gitOk(dir: string, args: string[]): Promise<string | undefined> {
  const r = await run(dir, args);
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/**
 * Write the tree of `commit` from the repository at `repoDir` into `dest` (created if needed):
 * `git archive` piped into `tar -x`, so only committed files arrive — no build products, no
 * local edits, nothing written to the repository.
 *
 * @example
 * await gitArchiveInto('/src/micropython/lib/mbedtls', '981743de…', '/cache/tmp/x/src/lib/mbedtls');
 */
export async function gitArchiveInto(repoDir: string, commit: string, dest: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  const archive = execa('git', ['-C', repoDir, 'archive', '--format=tar', commit], {
    env: GIT_ENV,
    reject: false,
    stdin: 'ignore',
    stdout: 'pipe',
    encoding: 'buffer',
  });
  const untar = execa('tar', ['-x', '-f', '-', '-C', dest], { reject: false });
  let result;
  try {
    result = await archive.pipe(untar);
  } catch (err) {
    throw new UsageError(`\`git -C ${repoDir} archive ${commit} | tar -x -C ${dest}\` failed: ${lastLine(String((err as Error).message))}`);
  }
  const source = await archive;
  if (source.exitCode !== 0) {
    const why = lastLine(Buffer.from(source.stderr as Uint8Array).toString()) || `exit ${String(source.exitCode)}`;
    throw new UsageError(`\`git -C ${repoDir} archive ${commit}\` failed: ${why}`);
  }
  if (result.exitCode !== 0) {
    throw new UsageError(`\`tar -x -C ${dest}\` failed: ${lastLine(String(result.stderr)) || `exit ${String(result.exitCode)}`}`);
  }
}

async function run(dir: string, args: string[]): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }> {
  try {
    const r = await execa('git', ['-C', dir, ...args], { env: GIT_ENV, reject: false, stdin: 'ignore' });
    if (r.failed && r.exitCode === undefined) {
      const code = (r.cause as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'ENOENT') throw new UsageError('git is not on PATH: install git (miprig builds from your micropython git checkout)');
      throw new UsageError(`\`git -C ${dir} ${args.join(' ')}\` could not run: ${r.shortMessage}`);
    }
    return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`\`git -C ${dir} ${args.join(' ')}\` could not run: ${(err as Error).message}`);
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}
