import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/UsageError.ts';
import { gitOk } from './git.ts';

/** The environment variable naming the user's micropython checkout. */
export const SOURCE_ENV = 'MIPRIG_MICROPYTHON_SRC';

/**
 * The user's micropython git checkout: `--source DIR`, else `$MIPRIG_MICROPYTHON_SRC`; returns
 * the top of its work tree. Throws a one-line {@link UsageError} saying what to pass when there
 * is none, or when the directory is not a micropython git checkout. Nothing is downloaded:
 * builds come from this checkout.
 *
 * @example
 * await sourceCheckout('~/src/micropython'); // '/home/a/src/micropython'
 */
export async function sourceCheckout(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env[SOURCE_ENV]?.trim();
  const given = option?.trim() || fromEnv;
  if (!given) {
    throw new UsageError(
      `build needs your micropython git checkout: pass --source PATH/TO/micropython or set ${SOURCE_ENV} (nothing is downloaded; clone https://github.com/micropython/micropython once)`,
    );
  }
  const label = option?.trim() ? `--source ${given}` : `${SOURCE_ENV}=${given}`;
  const dir = path.resolve(given);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${label}: no such directory`);
  const top = await gitOk(dir, ['rev-parse', '--show-toplevel']);
  if (top === undefined) {
    throw new UsageError(`${label}: ${dir} is not a git checkout: pass the directory you cloned micropython into`);
  }
  if (!existsSync(path.join(top, 'py', 'mpconfig.h')) || !existsSync(path.join(top, 'ports', 'unix'))) {
    throw new UsageError(`${label}: ${top} is not a micropython checkout (no py/mpconfig.h or ports/unix): pass the directory you cloned micropython into`);
  }
  return top;
}
