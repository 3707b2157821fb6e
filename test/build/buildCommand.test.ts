// `miprig build`: one-line errors (exit 2), the cache listing, a failing make (exit 1, the log's
// tail) and an interrupt (exit 130), all against small git checkouts made in temp roots.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { tempFiles } from '../support/tempScenarios.ts';
import { helloScenario } from '../support/helloScenario.ts';
import { MICROPYTHON_FILES, commitRelease, gitRepo, isolateGit } from './gitFixture.ts';

const HAS_MAKE = spawnSync('make', ['--version'], { stdio: 'ignore' }).status === 0;
const NEEDS_MAKE = HAS_MAKE ? '' : ' (skipped: needs make on PATH)';

// Makefiles standing in for mpy-cross's: they never produce a binary, only the ways a build ends early.
const FAILING_MAKEFILE =
  'all:\n\t@for i in $$(seq 1 40); do echo "line $$i"; done\n\t@echo "modffi.c:37:10: fatal error: ffi.h: No such file or directory" >&2\n\t@exit 3\n';
const SLOW_MAKEFILE = 'all:\n\t@echo started\n\t@sleep 30\n';
const ENTRY = '(cache layout fixture: not a binary)\n';

const ENV_KEYS = ['MIPRIG_CACHE_DIR', 'MIPRIG_MICROPYTHON_SRC', 'MIPRIG_MICROPYTHON', 'XDG_CACHE_HOME'] as const;
let savedEnv: Record<string, string | undefined>;
let restoreGit: () => void;
let src: Awaited<ReturnType<typeof tempFiles>>;
let checkout: string;
let cache: Awaited<ReturnType<typeof tempFiles>>;

beforeAll(async () => {
  restoreGit = isolateGit();
  src = await tempFiles({});
  await gitRepo(src.path('micropython'), [MICROPYTHON_FILES]);
  checkout = realpathSync(src.path('micropython')); // as git reports the top of the work tree
  await commitRelease(checkout, 'v1.22.2', { 'mpy-cross/Makefile': FAILING_MAKEFILE }, {});
  await commitRelease(checkout, 'v1.22.3', { 'mpy-cross/Makefile': SLOW_MAKEFILE }, {});
  await commitRelease(checkout, 'v1.22.4', {}, { 'lib/mbedtls': 'feedfacefeedfacefeedfacefeedfacefeedface' });
});

afterAll(async () => {
  await src.cleanup();
  restoreGit();
});

beforeEach(async () => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  cache = await tempFiles({});
  process.env['MIPRIG_CACHE_DIR'] = cache.root;
});

afterEach(async () => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await cache.cleanup();
});

/** stderr as lines, without the trailing empty one. */
const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('miprig build: usage errors are one line, exit 2', () => {
  it('without a checkout, says to pass --source or set MIPRIG_MICROPYTHON_SRC', async () => {
    const { result, stderr, stdout } = await captureOutput(() => main(['build', '1.22.2']));
    expect(result).toBe(2);
    expect(stdout).toBe('');
    expect(lines(stderr)).toEqual([
      'miprig: build needs your micropython git checkout: pass --source PATH/TO/micropython or set MIPRIG_MICROPYTHON_SRC (nothing is downloaded; clone https://github.com/micropython/micropython once)',
    ]);
  });

  it('for an unknown --config, naming it and the known ones (comma lists and repeats allowed)', async () => {
    const { result, stderr } = await captureOutput(() => main(['build', '1.22.2', '--config', 'default,nobtree', '--config', 'debug', '--source', checkout]));
    expect(result).toBe(2);
    expect(lines(stderr)).toEqual(['miprig: --config debug: unknown build config: use default, sysmbedtls or nobtree (repeatable or a comma list)']);
  });

  it('without a tag', async () => {
    const { result, stderr } = await captureOutput(() => main(['build', '--source', checkout]));
    expect(result).toBe(2);
    expect(lines(stderr)).toEqual(['miprig: build needs a release tag, e.g. `miprig build 1.27.0 --source PATH/TO/micropython` (or --list for the cache)']);
  });

  it('for a --source that does not exist', async () => {
    const { result, stderr } = await captureOutput(() => main(['build', '1.22.2', '--source', src.path('nope')]));
    expect(result).toBe(2);
    expect(lines(stderr)).toEqual([`miprig: --source ${src.path('nope')}: no such directory`]);
  });

  it('for a submodule the checkout has not initialised, giving the git command, before building anything', async () => {
    process.env['MIPRIG_MICROPYTHON_SRC'] = checkout;
    const { result, stderr } = await captureOutput(() => main(['build', '1.22.4']));
    expect(result).toBe(2);
    expect(lines(stderr)).toEqual([
      `miprig: submodule lib/mbedtls is not initialised in ${checkout} (v1.22.4 needs it at feedfacefe): run \`git -C ${checkout} submodule update --init lib/mbedtls\``,
    ]);
    expect(existsSync(join(cache.root, 'tmp'))).toBe(false);
  });
});

describe('miprig run --micropython VERSION', () => {
  const scenario = helloScenario({ name: 'hello', port: 'unix', version: '1.22.2', expect: 'expect:\n  outcome: done\n' });

  it('is 2 with the build command to run when the cache has no such build', async () => {
    const t = await tempFiles({ 'a.yaml': scenario });
    try {
      const { result, stderr } = await captureOutput(() => main(['run', t.root, '--backend', 'unix', '--micropython', '1.22.2']));
      expect(result).toBe(2);
      expect(lines(stderr)).toEqual(['miprig: no cached build of 1.22.2 (default): run `miprig build 1.22.2 --source PATH/TO/micropython`']);
    } finally {
      await t.cleanup();
    }
  });

  it('resolves MIPRIG_MICROPYTHON entries the same way', async () => {
    process.env['MIPRIG_MICROPYTHON'] = '1.22.2-nobtree';
    const t = await tempFiles({ 'a.yaml': scenario });
    try {
      const { result, stderr } = await captureOutput(() => main(['run', t.root, '--backend', 'all']));
      expect(result).toBe(2);
      expect(lines(stderr)).toEqual(['miprig: no cached build of 1.22.2 (nobtree): run `miprig build 1.22.2 --config nobtree --source PATH/TO/micropython`']);
    } finally {
      await t.cleanup();
    }
  });

  it('needs no build for the virtual backend', async () => {
    process.env['MIPRIG_MICROPYTHON'] = '1.22.2';
    const t = await tempFiles({ 'a.yaml': scenario });
    try {
      const { result } = await captureOutput(() => main(['run', t.root]));
      expect(result).toBe(0);
    } finally {
      await t.cleanup();
    }
  });
});

describe('miprig build --list', () => {
  it('says the cache is empty and how to fill it', async () => {
    const { result, stdout } = await captureOutput(() => main(['build', '--list']));
    expect(result).toBe(0);
    expect(lines(stdout)).toEqual([`no cached builds in ${cache.root} (make one: miprig build 1.27.0 --source PATH/TO/micropython)`]);
  });

  it('lists version, config, TLS and path of each build', async () => {
    const t = await tempFiles({
      'micropython/1.22.2-nobtree/micropython': ENTRY,
      'micropython/1.22.2-nobtree/build.json': JSON.stringify({ miprig: 1, tls: 'mbedtls (bundled)' }),
      'micropython/1.27.0-sysmbedtls/micropython': ENTRY,
      'micropython/1.27.0-sysmbedtls/build.json': JSON.stringify({ miprig: 1, tls: 'mbedtls (system)' }),
    });
    process.env['MIPRIG_CACHE_DIR'] = t.root;
    try {
      const { result, stdout } = await captureOutput(() => main(['build', '--list']));
      expect(result).toBe(0);
      expect(lines(stdout)).toEqual([
        'version  config      TLS                path',
        `1.22.2   nobtree     mbedtls (bundled)  ${t.path('micropython/1.22.2-nobtree/micropython')}`,
        `1.27.0   sysmbedtls  mbedtls (system)   ${t.path('micropython/1.27.0-sysmbedtls/micropython')}`,
      ]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('miprig build: what is built already is not built again', () => {
  it('is 0 and names the cached binary; --force would rebuild', async () => {
    const t = await tempFiles({ 'micropython/1.22.2-nobtree/micropython': ENTRY });
    process.env['MIPRIG_CACHE_DIR'] = t.root;
    try {
      const { result, stdout } = await captureOutput(() => main(['build', 'v1.22.2', '--config', 'nobtree', '--source', checkout]));
      expect(result).toBe(0);
      expect(lines(stdout)).toEqual([`1.22.2 (nobtree): already built: ${t.path('micropython/1.22.2-nobtree/micropython')} (--force rebuilds it)`]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('miprig build: a make that fails', () => {
  it.skipIf(!HAS_MAKE)(`is 1 and shows the last 30 lines of the log, where the full log is, and what to install${NEEDS_MAKE}`, async () => {
    const { result, stderr, stdout } = await captureOutput(() => main(['build', '1.22.2', '--source', checkout]));
    expect(result).toBe(1);
    const log = join(cache.root, 'logs/1.22.2-default.log');
    const err = lines(stderr);
    // One progress line per phase, then the failure.
    expect(err[0]).toBe(`1.22.2 (default): exporting v1.22.2 (${err[0]!.match(/\(([0-9a-f]{10})\)/)![1]}) from ${checkout}`);
    expect(err[1]).toMatch(/^1\.22\.2 \(default\): make -C mpy-cross -j\d+$/);
    expect(err[2]).toMatch(/^miprig: 1\.22\.2 \(default\): make -C mpy-cross -j\d+ exited with status 2; last 30 lines of the log:$/);
    const tail = err.slice(3, 33);
    expect(tail).toHaveLength(30);
    expect(tail).toContain('  line 40');
    expect(tail).not.toContain('  line 5');
    expect(tail).toContain('  modffi.c:37:10: fatal error: ffi.h: No such file or directory');
    expect(err[33]).toBe(`miprig: 1.22.2 (default): full log: ${log}`);
    expect(err[34]).toBe('miprig: 1.22.2 (default): hint: install libffi and pkg-config (Debian: apt install libffi-dev pkg-config)');
    expect(err).toHaveLength(35);
    expect(stdout).toBe(''); // make's output went to the log only (no --verbose)
    expect(readFileSync(log, 'utf8')).toContain('line 1\n');
    // Nothing is left behind but the log: no temporary tree, no cache entry.
    expect(readdirSync(join(cache.root, 'tmp'))).toEqual([]);
    expect(existsSync(join(cache.root, 'micropython'))).toBe(false);
  });

  it.skipIf(!HAS_MAKE)(`streams make's output with --verbose${NEEDS_MAKE}`, async () => {
    const { result, stdout } = await captureOutput(() => main(['build', '1.22.2', '--source', checkout, '--verbose']));
    expect(result).toBe(1);
    expect(stdout).toContain('line 1\nline 2\n');
  });
});

describe('miprig build: an interrupt', () => {
  it.skipIf(!HAS_MAKE)(`kills make, removes the temporary tree and is 130${NEEDS_MAKE}`, async () => {
    const log = join(cache.root, 'logs/1.22.3-default.log');
    const started = Date.now();
    const run = captureOutput(async () => {
      const status = main(['build', '1.22.3', '--source', checkout]);
      // Once make runs, deliver SIGINT the way Node does: to the build's own listener (the last added).
      while (!(existsSync(log) && readFileSync(log, 'utf8').includes('started'))) await new Promise((r) => setTimeout(r, 50));
      expect(readdirSync(join(cache.root, 'tmp'))).toHaveLength(1);
      const listener = process.listeners('SIGINT').at(-1) as (signal: NodeJS.Signals) => void;
      listener('SIGINT');
      return status;
    });
    const { result, stderr } = await run;
    expect(result).toBe(130);
    expect(Date.now() - started).toBeLessThan(20_000); // make's `sleep 30` was killed, not waited for
    expect(lines(stderr).at(-1)).toBe('miprig: 1.22.3 (default): build interrupted (SIGINT); its temporary tree was removed');
    expect(readdirSync(join(cache.root, 'tmp'))).toEqual([]);
    expect(existsSync(join(cache.root, 'micropython'))).toBe(false);
  });
});
