// The user's checkout: finding it, reading a tag, and taking each submodule at the commit the tag pins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realpathSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceCheckout } from '../../harness/build/sourceCheckout.ts';
import { checkSubmodules, exportSubmodules } from '../../harness/build/submodules.ts';
import { readTag } from '../../harness/build/TagFacts.ts';
import { UsageError } from '../../harness/cli/UsageError.ts';
import { tempFiles } from '../support/tempScenarios.ts';
import { MICROPYTHON_FILES, commitRelease, gitIn, gitRepo, isolateGit } from './gitFixture.ts';

let t: Awaited<ReturnType<typeof tempFiles>>;
let restoreGit: () => void;
let checkout: string;
let mbedtlsPinned: string;
let mbedtlsLater: string;
const ABSENT = 'feedfacefeedfacefeedfacefeedfacefeedface';

beforeAll(async () => {
  restoreGit = isolateGit();
  t = await tempFiles({ 'not-git/readme.txt': 'x', 'plain-git/README.md': 'x' });
  gitIn(t.path('plain-git'), 'init', '-q');
  // An upstream mbedtls with two commits; the tag pins the first.
  [mbedtlsPinned, mbedtlsLater] = (await gitRepo(t.path('upstream/mbedtls'), [{ 'library/ssl.c': 'pinned\n' }, { 'library/ssl.c': 'later\n' }])) as [string, string];
  await gitRepo(t.path('micropython'), [MICROPYTHON_FILES]);
  checkout = realpathSync(t.path('micropython')); // as git reports the top of the work tree
  await commitRelease(checkout, 'v1.22.2', {}, { 'lib/mbedtls': mbedtlsPinned, 'lib/berkeley-db-1.xx': ABSENT });
  // The user initialised lib/mbedtls, but has the later commit checked out.
  gitIn(t.root, 'clone', '-q', t.path('upstream/mbedtls'), join(checkout, 'lib/mbedtls'));
  gitIn(join(checkout, 'lib/mbedtls'), 'checkout', '-q', mbedtlsLater);
});

afterAll(async () => {
  await t.cleanup();
  restoreGit();
});

function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: Error) => err,
  );
}

describe('sourceCheckout', () => {
  it('returns the top of the work tree, from --source or MIPRIG_MICROPYTHON_SRC', async () => {
    expect(await sourceCheckout(join(checkout, 'py'), {})).toBe(checkout);
    expect(await sourceCheckout(undefined, { MIPRIG_MICROPYTHON_SRC: checkout })).toBe(checkout);
  });

  it('says what to pass when there is no checkout, in one line', async () => {
    const err = await rejection(sourceCheckout(undefined, {}));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe(
      'build needs your micropython git checkout: pass --source PATH/TO/micropython or set MIPRIG_MICROPYTHON_SRC (nothing is downloaded; clone https://github.com/micropython/micropython once)',
    );
  });

  it('names the flag or the variable and what is wrong with the directory', async () => {
    expect((await rejection(sourceCheckout(t.path('nope'), {}))).message).toBe(`--source ${t.path('nope')}: no such directory`);
    expect((await rejection(sourceCheckout(undefined, { MIPRIG_MICROPYTHON_SRC: t.path('not-git') }))).message).toBe(
      `MIPRIG_MICROPYTHON_SRC=${t.path('not-git')}: ${t.path('not-git')} is not a git checkout: pass the directory you cloned micropython into`,
    );
    expect((await rejection(sourceCheckout(t.path('plain-git'), {}))).message).toMatch(/is not a micropython checkout \(no py\/mpconfig\.h or ports\/unix\)/);
  });
});

describe('readTag', () => {
  it('reads the commit, the default TLS library and the submodule pins', async () => {
    const facts = await readTag(checkout, '1.22.2');
    expect(facts).toMatchObject({ tag: 'v1.22.2', version: '1.22.2', versionTuple: [1, 22, 2], defaultTls: 'mbedtls' });
    expect(facts.commit).toBe(gitIn(checkout, 'rev-parse', 'v1.22.2^{commit}'));
    expect(facts.commitTime).toBe(Date.parse('2024-02-22T12:00:00Z') / 1000);
    expect([...facts.pins]).toEqual([
      ['lib/berkeley-db-1.xx', ABSENT],
      ['lib/mbedtls', mbedtlsPinned],
    ]);
  });

  it('says how to get a tag the checkout lacks, and what a tag looks like', async () => {
    expect((await rejection(readTag(checkout, 'v9.9.9'))).message).toBe(`tag v9.9.9 is not in ${checkout}: run \`git -C ${checkout} fetch --tags\``);
    expect((await rejection(readTag(checkout, 'master'))).message).toBe('"master" is not a release tag: give one like 1.22.2 or v1.22.2');
  });
});

describe('checkSubmodules / exportSubmodules', () => {
  it('takes a submodule at the pinned commit even when another is checked out, and exports exactly that', async () => {
    const facts = await readTag(checkout, '1.22.2');
    const sources = await checkSubmodules(checkout, facts, ['lib/mbedtls']);
    expect(sources).toEqual([{ path: 'lib/mbedtls', pinned: mbedtlsPinned, checkedOut: mbedtlsLater }]);
    const tree = t.path('tree');
    await exportSubmodules(checkout, sources, tree);
    expect(await readFile(join(tree, 'lib/mbedtls/library/ssl.c'), 'utf8')).toBe('pinned\n');
    expect(await readdir(join(tree, 'lib/mbedtls'))).toEqual(['library']); // no .git, nothing untracked
    expect(gitIn(join(checkout, 'lib/mbedtls'), 'rev-parse', 'HEAD')).toBe(mbedtlsLater); // the checkout is untouched
  });

  it('names a submodule that is not initialised and the command that initialises it', async () => {
    const facts = await readTag(checkout, '1.22.2');
    const err = await rejection(checkSubmodules(checkout, facts, ['lib/berkeley-db-1.xx']));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe(
      `submodule lib/berkeley-db-1.xx is not initialised in ${checkout} (v1.22.2 needs it at feedfacefe): run \`git -C ${checkout} submodule update --init lib/berkeley-db-1.xx\``,
    );
  });

  it('names a pinned commit the submodule lacks and the command that fetches it', async () => {
    await gitRepo(t.path('other/micropython'), [MICROPYTHON_FILES]);
    const other = realpathSync(t.path('other/micropython'));
    await commitRelease(other, 'v1.27.0', {}, { 'lib/berkeley-db-1.xx': ABSENT });
    // Initialised, but from a repository that never had the pinned commit.
    gitIn(t.root, 'clone', '-q', t.path('upstream/mbedtls'), join(other, 'lib/berkeley-db-1.xx'));
    const facts = await readTag(other, '1.27.0');
    const err = await rejection(checkSubmodules(other, facts, ['lib/berkeley-db-1.xx']));
    expect(err.message).toBe(
      `submodule lib/berkeley-db-1.xx in ${other} is at ${mbedtlsLater.slice(0, 10)} and lacks feedfacefe, which v1.27.0 pins: run \`git -C ${other}/lib/berkeley-db-1.xx fetch origin ${ABSENT}\``,
    );
  });
});
