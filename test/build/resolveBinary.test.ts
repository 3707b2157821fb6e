// `--micropython 1.22.2` names a cached build; a path stays a path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { resolveBinaries, resolveBinary } from '../../harness/build/resolveBinary.ts';
import { UsageError } from '../../harness/cli/UsageError.ts';
import { binariesFromEnv } from '../../harness/unix/MicropythonBinary.ts';
import { tempFiles } from '../support/tempScenarios.ts';

// Resolution only looks at where an entry's binary is; these files are the cache layout, not builds.
const ENTRY = '(cache layout fixture: not a binary)\n';

let cache: Awaited<ReturnType<typeof tempFiles>>;
let cwd: Awaited<ReturnType<typeof tempFiles>>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cache = await tempFiles({
    'micropython/1.22.2-default/micropython': ENTRY,
    'micropython/1.22.2-nobtree/micropython': ENTRY,
    'micropython/1.27.0-sysmbedtls/micropython': ENTRY,
  });
  cwd = await tempFiles({ '1.24.1': ENTRY, 'micropython-local': ENTRY });
  env = { MIPRIG_CACHE_DIR: cache.root };
});

afterAll(async () => {
  await cache.cleanup();
  await cwd.cleanup();
});

const resolve = (spec: string, extra: NodeJS.ProcessEnv = {}): string => resolveBinary(spec, { env: { ...env, ...extra }, cwd: cwd.root });

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('resolveBinary: versions name cached builds', () => {
  it('takes 1.22.2 and v1.22.2 to the default build', () => {
    const binary = join(cache.root, 'micropython/1.22.2-default/micropython');
    expect(resolve('1.22.2')).toBe(binary);
    expect(resolve('v1.22.2')).toBe(binary);
  });

  it('takes 1.22.2-nobtree to the nobtree build, 1.27.0-sysmbedtls to the sysmbedtls one', () => {
    expect(resolve('1.22.2-nobtree')).toBe(join(cache.root, 'micropython/1.22.2-nobtree/micropython'));
    expect(resolve('1.27.0-sysmbedtls')).toBe(join(cache.root, 'micropython/1.27.0-sysmbedtls/micropython'));
  });

  it('says which build is missing and the command that makes it, in one line', () => {
    const err = errorOf(() => resolve('1.27.0'));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe('no cached build of 1.27.0 (default): run `miprig build 1.27.0 --source PATH/TO/micropython`');
    expect(errorOf(() => resolve('1.22.2-sysmbedtls')).message).toBe(
      'no cached build of 1.22.2 (sysmbedtls): run `miprig build 1.22.2 --config sysmbedtls --source PATH/TO/micropython`',
    );
  });

  it('leaves --source out of the command when MIPRIG_MICROPYTHON_SRC names the checkout', () => {
    expect(errorOf(() => resolve('1.27.0', { MIPRIG_MICROPYTHON_SRC: '/src/micropython' })).message).toBe(
      'no cached build of 1.27.0 (default): run `miprig build 1.27.0`',
    );
  });

  it('rejects an unknown configuration, naming the flag and the known ones', () => {
    const err = errorOf(() => resolve('1.22.2-debug'));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe('--micropython 1.22.2-debug: unknown build config "debug": use default, sysmbedtls or nobtree (e.g. 1.22.2-nobtree)');
    expect(err.message).not.toContain('\n');
  });

  it('looks in $XDG_CACHE_HOME/miprig when MIPRIG_CACHE_DIR is unset', async () => {
    const xdg = await tempFiles({ 'miprig/micropython/1.20.0-default/micropython': ENTRY });
    try {
      expect(resolveBinary('1.20.0', { env: { XDG_CACHE_HOME: xdg.root, HOME: '/nonexistent' } })).toBe(
        join(xdg.root, 'miprig/micropython/1.20.0-default/micropython'),
      );
    } finally {
      await xdg.cleanup();
    }
  });
});

describe('resolveBinary: paths stay paths', () => {
  it('keeps anything containing a slash, even when it looks like a version', () => {
    expect(resolve('/opt/mp/1.22.2/micropython')).toBe('/opt/mp/1.22.2/micropython');
    expect(resolve('./1.27.0')).toBe('./1.27.0');
    expect(resolve('build/micropython')).toBe('build/micropython');
  });

  it('keeps a bare name of an existing file, even when it looks like a version', () => {
    expect(resolve('1.24.1')).toBe('1.24.1');
    expect(resolve('micropython-local')).toBe('micropython-local');
  });

  it('keeps a bare name that is no version (the backend then says the file does not exist)', () => {
    expect(resolve('micropython')).toBe('micropython');
  });
});

describe('resolveBinaries: MIPRIG_MICROPYTHON entries resolve the same way', () => {
  it('maps each entry of the colon/comma list, in order', () => {
    const entries = binariesFromEnv({ MIPRIG_MICROPYTHON: '1.22.2:/opt/mp/micropython,1.22.2-nobtree' });
    expect(resolveBinaries(entries, { env, cwd: cwd.root, from: 'MIPRIG_MICROPYTHON' })).toEqual([
      join(cache.root, 'micropython/1.22.2-default/micropython'),
      '/opt/mp/micropython',
      join(cache.root, 'micropython/1.22.2-nobtree/micropython'),
    ]);
  });

  it('names MIPRIG_MICROPYTHON in the message for an unknown configuration there', () => {
    expect(() => resolveBinaries(['1.22.2-fast'], { env, cwd: cwd.root, from: 'MIPRIG_MICROPYTHON' })).toThrow(
      'MIPRIG_MICROPYTHON 1.22.2-fast: unknown build config "fast"',
    );
  });
});
