// Where the cache is, and what a cache entry looks like on disk.
import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { cacheRoot, cachedBinary, entryDir, listCachedBuilds, logFile, type BuildRecord } from '../../harness/build/buildCache.ts';
import { tempFiles } from '../support/tempScenarios.ts';

const ENTRY = '(cache layout fixture: not a binary)\n';

function record(version: string, config: BuildRecord['config'], tls: string): string {
  const r: BuildRecord = {
    miprig: 1,
    version,
    tag: `v${version}`,
    commit: '0'.repeat(40),
    config,
    tls,
    make: ['make -C mpy-cross -j2', 'make -C ports/unix -j2'],
    submodules: {},
    source: '/src/micropython',
    builtAt: '2024-02-22T12:00:00.000Z',
  };
  return JSON.stringify(r);
}

describe('cacheRoot', () => {
  it('is MIPRIG_CACHE_DIR first, made absolute', () => {
    expect(cacheRoot({ MIPRIG_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(cacheRoot({ MIPRIG_CACHE_DIR: 'rel/cache' })).toBe(resolve('rel/cache'));
  });

  it('is $XDG_CACHE_HOME/miprig next, when that is absolute', () => {
    expect(cacheRoot({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/miprig');
    expect(cacheRoot({ XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe('/h/.cache/miprig');
  });

  it('is ~/.cache/miprig otherwise; empty variables count as unset', () => {
    expect(cacheRoot({ HOME: '/h' })).toBe('/h/.cache/miprig');
    expect(cacheRoot({ MIPRIG_CACHE_DIR: '', XDG_CACHE_HOME: ' ', HOME: '/h' })).toBe('/h/.cache/miprig');
  });
});

describe('cache layout', () => {
  it('keeps each build in micropython/<version>-<config>/ and its log in logs/', () => {
    expect(entryDir('/c', '1.22.2', 'nobtree')).toBe('/c/micropython/1.22.2-nobtree');
    expect(logFile('/c', '1.27.0', 'default')).toBe('/c/logs/1.27.0-default.log');
  });

  it('finds a binary only where an entry has one', async () => {
    const t = await tempFiles({ 'micropython/1.22.2-default/micropython': ENTRY, 'micropython/1.24.1-default/build.json': '{}' });
    try {
      expect(cachedBinary(t.root, '1.22.2', 'default')).toBe(join(t.root, 'micropython/1.22.2-default/micropython'));
      expect(cachedBinary(t.root, '1.22.2', 'nobtree')).toBeUndefined();
      expect(cachedBinary(t.root, '1.24.1', 'default')).toBeUndefined();
    } finally {
      await t.cleanup();
    }
  });
});

describe('listCachedBuilds', () => {
  it('lists builds sorted by version then config, with their build.json, and skips what is not a build', async () => {
    const t = await tempFiles({
      'micropython/1.27.0-default/micropython': ENTRY,
      'micropython/1.27.0-default/build.json': record('1.27.0', 'default', 'mbedtls (bundled)'),
      'micropython/1.22.2-nobtree/micropython': ENTRY,
      'micropython/1.22.2-nobtree/build.json': record('1.22.2', 'nobtree', 'mbedtls (bundled)'),
      'micropython/1.20.0-sysmbedtls/micropython': ENTRY, // no build.json: listed, TLS unknown
      'micropython/1.22.2-debug/micropython': ENTRY, // not a configuration miprig knows
      'micropython/1.24.1-default/build.json': record('1.24.1', 'default', 'x'), // no binary
      'micropython/notes/readme.txt': 'x',
      'logs/1.27.0-default.log': 'x',
    });
    try {
      const builds = await listCachedBuilds(t.root);
      expect(builds.map((b) => `${b.version}-${b.config}`)).toEqual(['1.20.0-sysmbedtls', '1.22.2-nobtree', '1.27.0-default']);
      expect(builds[0]!.record).toBeUndefined();
      expect(builds[1]!.binary).toBe(join(t.root, 'micropython/1.22.2-nobtree/micropython'));
      expect(builds[2]!.record).toMatchObject({ tag: 'v1.27.0', config: 'default', tls: 'mbedtls (bundled)' });
    } finally {
      await t.cleanup();
    }
  });

  it('is empty for a cache that does not exist yet', async () => {
    const t = await tempFiles({});
    try {
      expect(await listCachedBuilds(join(t.root, 'never-made'))).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
