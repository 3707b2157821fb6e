import { UsageError } from '../cli/UsageError.ts';
import { git, gitOk } from './git.ts';
import { releaseTag } from './versionSpec.ts';

/** What a build needs to know about one release tag of the user's checkout. */
export interface TagFacts {
  /** `v1.22.2` */
  tag: string;
  /** `1.22.2` */
  version: string;
  versionTuple: [number, number, number];
  /** The full commit the tag points at. */
  commit: string;
  /** Committer time of that commit, in seconds (used as SOURCE_DATE_EPOCH). */
  commitTime: number;
  /** The TLS library the tag's unix port compiles in by default (`ports/unix/mpconfigport.mk`). */
  defaultTls: 'mbedtls' | 'axtls' | null;
  /** Every submodule under `lib/` the tag pins: path → commit. */
  pins: ReadonlyMap<string, string>;
}

/**
 * Read a release tag from the user's micropython checkout: its commit, the unix port's default
 * TLS library and the submodule commits it pins. Throws a one-line {@link UsageError} for a name
 * that is not a release tag or a tag the checkout does not have.
 *
 * @example
 * const facts = await readTag('/src/micropython', '1.22.2');
 * facts.tag;                      // 'v1.22.2'
 * facts.pins.get('lib/mbedtls');  // '981743de6fcdbe672e482b6fd724d31d0a0d2476'
 */
export async function readTag(checkout: string, name: string): Promise<TagFacts> {
  const release = releaseTag(name);
  if (!release) throw new UsageError(`"${name}" is not a release tag: give one like 1.22.2 or v1.22.2`);
  const commit = await gitOk(checkout, ['rev-parse', '--verify', '--quiet', `refs/tags/${release.tag}^{commit}`]);
  if (commit === undefined) {
    throw new UsageError(`tag ${release.tag} is not in ${checkout}: run \`git -C ${checkout} fetch --tags\``);
  }
  const commitTime = Number(await git(checkout, ['log', '-1', '--format=%ct', commit]));
  const mk = await gitOk(checkout, ['show', `${commit}:ports/unix/mpconfigport.mk`]);
  if (mk === undefined) {
    throw new UsageError(`${release.tag} has no ports/unix/mpconfigport.mk: miprig builds releases from v1.19 on`);
  }
  const pins = new Map<string, string>();
  for (const line of (await git(checkout, ['ls-tree', commit, 'lib/'])).split('\n')) {
    // `160000 commit <sha>\tlib/mbedtls`: a gitlink is a submodule pin.
    const m = /^160000 commit ([0-9a-f]{40})\t(.+)$/.exec(line);
    if (m) pins.set(m[2]!, m[1]!);
  }
  const [major = 0, minor = 0, micro = 0] = release.version.split('.').map(Number);
  return {
    tag: release.tag,
    version: release.version,
    versionTuple: [major, minor, micro],
    commit,
    commitTime,
    defaultTls: makeFlag(mk, 'MICROPY_SSL_MBEDTLS') ? 'mbedtls' : makeFlag(mk, 'MICROPY_SSL_AXTLS') ? 'axtls' : null,
    pins,
  };
}

/** Whether a makefile sets `NAME = 1` (or `?=`, `:=`). */
function makeFlag(makefile: string, name: string): boolean {
  return new RegExp(`^${name}\\s*[?:]?=\\s*1\\s*$`, 'm').test(makefile);
}
