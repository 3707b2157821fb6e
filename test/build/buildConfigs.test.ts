// What each configuration tells make, and which submodules it needs, per tag.
import { describe, expect, it } from 'vitest';
import { assertSupported, buildConfig, formatMake, makeCommands } from '../../harness/build/buildConfigs.ts';
import type { TagFacts } from '../../harness/build/TagFacts.ts';
import { parseVersionSpec, releaseTag } from '../../harness/build/versionSpec.ts';

// The facts `readTag` reads, as two real tags have them (`git ls-tree <tag> lib/`, mpconfigport.mk).
const V1_19_1: TagFacts = {
  tag: 'v1.19.1',
  version: '1.19.1',
  versionTuple: [1, 19, 1],
  commit: '9b486340da22931cde82872f79e1c34db959548b',
  commitTime: 1655867916,
  defaultTls: 'axtls',
  pins: new Map([
    ['lib/axtls', '531cab9c278c947d268bd4c94ecab9153a961b43'],
    ['lib/berkeley-db-1.xx', '35aaec4418ad78628a3b935885dd189d41ce779b'],
    ['lib/mbedtls', '1bc2c9cb8b8fe4659bd94b8ebba5a4c02029b7fa'],
    ['lib/libffi', 'e9de7e35f2339598b16cbb375f9992643ed81209'],
  ]),
};

const V1_27_0: TagFacts = {
  ...V1_19_1,
  tag: 'v1.27.0',
  version: '1.27.0',
  versionTuple: [1, 27, 0],
  defaultTls: 'mbedtls',
  pins: new Map([
    ['lib/axtls', '531cab9c278c947d268bd4c94ecab9153a961b43'],
    ['lib/berkeley-db-1.xx', '0f3bb6947c2f57233916dccd7bb425d7bf86e5a6'],
    ['lib/mbedtls', '107ea89daaefb9867ea9121002fbbdf926780e98'],
    ['lib/micropython-lib', '6ae440a8a144233e6e703f6759b7e7a0afaa37a4'],
    ['lib/libffi', '3d0ce1e6fcf19f853894862abcbac0ae78a7be60'],
  ]),
};

describe('default', () => {
  const config = buildConfig('default')!;

  it('is upstream make: mpy-cross, then ports/unix, nothing added', () => {
    expect(makeCommands(config, V1_27_0, 2).map(formatMake)).toEqual(['make -C mpy-cross -j2', 'make -C ports/unix -j2']);
  });

  it('needs micropython-lib, berkeley-db and the bundled TLS library the tag compiles', () => {
    expect(config.submodules(V1_27_0)).toEqual(['lib/micropython-lib', 'lib/berkeley-db-1.xx', 'lib/mbedtls']);
    expect(config.tls(V1_27_0)).toBe('mbedtls (bundled)');
    // v1.19.1 freezes upip from tools/ (no micropython-lib) and compiles axTLS.
    expect(config.submodules(V1_19_1)).toEqual(['lib/berkeley-db-1.xx', 'lib/axtls']);
    expect(config.tls(V1_19_1)).toBe('axtls (bundled)');
  });
});

describe('sysmbedtls', () => {
  const config = buildConfig('sysmbedtls')!;

  it('turns the bundled TLS libraries off in make, on in C, and links the system mbedTLS', () => {
    expect(makeCommands(config, V1_27_0, 4)[1]).toEqual([
      '-C', 'ports/unix', '-j4',
      'BUILD=build-sysmbedtls', 'PROG=micropython-sysmbedtls',
      'MICROPY_SSL_AXTLS=0', 'MICROPY_SSL_MBEDTLS=0',
      'CFLAGS_EXTRA=-DMICROPY_SSL_MBEDTLS=1',
      'LDFLAGS_EXTRA=-lmbedtls -lmbedx509 -lmbedcrypto',
    ]);
    expect(formatMake(makeCommands(config, V1_27_0, 4)[1])).toBe(
      "make -C ports/unix -j4 BUILD=build-sysmbedtls PROG=micropython-sysmbedtls MICROPY_SSL_AXTLS=0 MICROPY_SSL_MBEDTLS=0 CFLAGS_EXTRA=-DMICROPY_SSL_MBEDTLS=1 'LDFLAGS_EXTRA=-lmbedtls -lmbedx509 -lmbedcrypto'",
    );
  });

  it('refuses tags before v1.20, whose unix port cannot link the mbedTLS module as released, and says how to build it by hand', () => {
    expect(config.unsupported(V1_27_0)).toBeUndefined();
    expect(() => assertSupported(config, V1_19_1)).toThrow(
      "1.19.1 (sysmbedtls): v1.19.1's extmod/modussl_mbedtls.c does not link on the unix port with any mbedTLS (mp_hal_delay_us is undeclared there, an upstream bug): build it as default (axTLS) or nobtree, or by hand with CFLAGS_EXTRA='-DMICROPY_SSL_MBEDTLS=1 -Wno-error=implicit-function-declaration' and an object defining mp_hal_delay_us (usleep) in LDFLAGS_EXTRA",
    );
    expect(() => assertSupported(buildConfig('default')!, V1_19_1)).not.toThrow();
  });

  it('needs no TLS submodule', () => {
    expect(config.submodules(V1_27_0)).toEqual(['lib/micropython-lib', 'lib/berkeley-db-1.xx']);
    expect(config.submodules(V1_19_1)).toEqual(['lib/berkeley-db-1.xx']);
    expect(config.tls(V1_19_1)).toBe('mbedtls (system)');
  });
});

describe('nobtree', () => {
  const config = buildConfig('nobtree')!;

  it('adds MICROPY_PY_BTREE=0 and needs no berkeley-db', () => {
    expect(config.unixMake(V1_27_0)).toEqual({
      vars: ['BUILD=build-nobtree', 'PROG=micropython-nobtree', 'MICROPY_PY_BTREE=0'],
      build: 'build-nobtree',
      prog: 'micropython-nobtree',
    });
    expect(config.submodules(V1_27_0)).toEqual(['lib/micropython-lib', 'lib/mbedtls']);
    expect(config.submodules(V1_19_1)).toEqual(['lib/axtls']);
  });
});

describe('names', () => {
  it('knows exactly default, sysmbedtls and nobtree', () => {
    expect(buildConfig('debug')).toBeUndefined();
    expect(buildConfig('constructor')).toBeUndefined();
  });

  it('reads release tags and build names', () => {
    expect(releaseTag('1.22.2')).toEqual({ tag: 'v1.22.2', version: '1.22.2' });
    expect(releaseTag('v1.19')).toEqual({ tag: 'v1.19', version: '1.19' });
    expect(releaseTag('master')).toBeUndefined();
    expect(parseVersionSpec('v1.22.2-nobtree')).toEqual({ version: '1.22.2', config: 'nobtree' });
    expect(parseVersionSpec('1.27.0')).toEqual({ version: '1.27.0', config: undefined });
    expect(parseVersionSpec('micropython')).toBeUndefined();
  });
});
