import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/UsageError.ts';
import { gitArchiveInto, gitOk } from './git.ts';
import type { TagFacts } from './TagFacts.ts';

/** A submodule a build takes from the user's checkout. */
export interface SubmoduleSource {
  /** `lib/mbedtls` */
  path: string;
  /** The commit the tag pins, which is what the build gets. */
  pinned: string;
  /** The commit checked out in the user's checkout (may differ from `pinned`). */
  checkedOut: string;
}

/**
 * Check that the user's checkout can supply each submodule at the commit `tag` pins (`git
 * ls-tree <tag> lib/x`): the submodule is initialised there and has that commit, checked out or
 * not. Throws a one-line {@link UsageError} naming the submodule and the exact git command that
 * fixes it. Reads only; the checkout is never changed.
 *
 * @example
 * await checkSubmodules('/src/micropython', facts, ['lib/mbedtls']);
 * // [{ path: 'lib/mbedtls', pinned: '981743de…', checkedOut: '981743de…' }]
 */
export async function checkSubmodules(checkout: string, tag: TagFacts, paths: readonly string[]): Promise<SubmoduleSource[]> {
  const sources: SubmoduleSource[] = [];
  for (const sub of paths) {
    const pinned = tag.pins.get(sub);
    if (pinned === undefined) throw new UsageError(`${tag.tag} pins no submodule ${sub}, which this build needs`);
    const dir = path.join(checkout, sub);
    // Without its own .git, `git -C lib/x` would answer for the superproject.
    const checkedOut = existsSync(path.join(dir, '.git')) ? await gitOk(dir, ['rev-parse', 'HEAD']) : undefined;
    if (checkedOut === undefined) {
      throw new UsageError(
        `submodule ${sub} is not initialised in ${checkout} (${tag.tag} needs it at ${pinned.slice(0, 10)}): run \`git -C ${checkout} submodule update --init ${sub}\``,
      );
    }
    if (checkedOut !== pinned && (await gitOk(dir, ['cat-file', '-e', `${pinned}^{commit}`])) === undefined) {
      throw new UsageError(
        `submodule ${sub} in ${checkout} is at ${checkedOut.slice(0, 10)} and lacks ${pinned.slice(0, 10)}, which ${tag.tag} pins: run \`git -C ${dir} fetch origin ${pinned}\``,
      );
    }
    sources.push({ path: sub, pinned, checkedOut });
  }
  return sources;
}

/**
 * Write each submodule at its pinned commit into the build tree (`git archive`, so only
 * committed files arrive, whichever commit the user has checked out).
 *
 * @example
 * await exportSubmodules('/src/micropython', sources, '/cache/tmp/1.22.2-default-x/src');
 */
export async function exportSubmodules(checkout: string, sources: readonly SubmoduleSource[], tree: string): Promise<void> {
  for (const s of sources) await gitArchiveInto(path.join(checkout, s.path), s.pinned, path.join(tree, s.path));
}
