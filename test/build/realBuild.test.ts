// A real `miprig build` from the user's micropython checkout into a temp cache: runs only when
// MIPRIG_MICROPYTHON_SRC names one (tag: MIPRIG_BUILD_TAG, default 1.27.0; the checkout needs that
// tag's lib/ submodules initialised). It takes minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBinary } from '../../harness/build/resolveBinary.ts';
import { releaseTag } from '../../harness/build/versionSpec.ts';
import { main } from '../../harness/cli/main.ts';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { helloScenario } from '../support/helloScenario.ts';
import { tempFiles } from '../support/tempScenarios.ts';

const SOURCE = process.env['MIPRIG_MICROPYTHON_SRC']?.trim() || undefined;
const TAG = process.env['MIPRIG_BUILD_TAG']?.trim() || '1.27.0';
const SKIP_NOTE = SOURCE ? '' : ' (skipped: needs MIPRIG_MICROPYTHON_SRC naming a micropython checkout)';

/** The checkout's status without refreshing its index (so this test writes nothing there). */
const statusOf = (dir: string): string => execFileSync('git', ['--no-optional-locks', '-C', dir, 'status', '--porcelain'], { encoding: 'utf8' });

describe.skipIf(!SOURCE)(`miprig build ${TAG} from MIPRIG_MICROPYTHON_SRC${SKIP_NOTE}`, () => {
  let cache: Awaited<ReturnType<typeof tempFiles>>;
  let saved: string | undefined;

  beforeAll(async () => {
    cache = await tempFiles({});
    saved = process.env['MIPRIG_CACHE_DIR'];
    process.env['MIPRIG_CACHE_DIR'] = cache.root;
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env['MIPRIG_CACHE_DIR'];
    else process.env['MIPRIG_CACHE_DIR'] = saved;
    await cache.cleanup();
  });

  it('builds the binary and mpy-cross into the cache, leaves the checkout as it was, and `--micropython VERSION` runs it', { timeout: 60 * 60_000 }, async () => {
    const version = releaseTag(TAG)!.version;
    const before = statusOf(SOURCE!);
    const build = await captureOutput(() => main(['build', TAG]));
    expect(build.result, build.stderr).toBe(0);

    const entry = join(cache.root, 'micropython', `${version}-default`);
    expect(readdirSync(entry).sort()).toEqual(['build.json', 'micropython', 'mpy-cross']);
    const record = JSON.parse(readFileSync(join(entry, 'build.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ miprig: 1, version, tag: `v${version}`, config: 'default', source: realpathSync(SOURCE!) });
    expect(record['commit']).toBe(execFileSync('git', ['-C', SOURCE!, 'rev-parse', `v${version}^{commit}`], { encoding: 'utf8' }).trim());
    expect(build.stdout).toContain(`${version} (default): built ${join(entry, 'micropython')}`);

    const info = await probeBinary(join(entry, 'micropython'));
    expect(info.version).toBe(version);
    expect(info.installer).not.toBeNull();
    expect(info.tls).not.toBeNull();
    expect(execFileSync(join(entry, 'mpy-cross'), ['--version'], { encoding: 'utf8' })).toContain(`MicroPython v${version}`);

    expect(resolveBinary(version)).toBe(join(entry, 'micropython'));
    expect(readdirSync(join(cache.root, 'tmp'))).toEqual([]);
    expect(statusOf(SOURCE!)).toBe(before);

    const t = await tempFiles({ 'a.yaml': helloScenario({ name: 'hello', port: 'unix', version, expect: 'expect:\n  outcome: done\n' }) });
    try {
      const run = await captureOutput(() => main(['run', t.root, '--backend', 'unix', '--micropython', version]));
      expect(run.result, run.stdout).toBe(0);
      expect(run.stdout).toContain(`unix:${version}`);
    } finally {
      await t.cleanup();
    }
  });
});
