import { UsageError } from '../cli/UsageError.ts';
import type { TagFacts } from './TagFacts.ts';

/*
 * The build configurations `miprig build --config` knows. Each is a set of `make` variables for
 * ports/unix on top of upstream's defaults, chosen per tag where the Makefiles differ:
 *
 * - v1.19.x: py/py.mk and extmod/extmod.mk compile `lib/axtls` (MICROPY_SSL_AXTLS = 1 in
 *   ports/unix/mpconfigport.mk) or, with MICROPY_SSL_MBEDTLS=1, the sources of `lib/mbedtls`.
 * - v1.20 on: extmod/extmod.mk compiles `lib/mbedtls` (MICROPY_SSL_MBEDTLS = 1 by default) with
 *   ports/unix/mbedtls/mbedtls_config_port.h; the frozen manifest needs `lib/micropython-lib`.
 * - No tag's ports/unix Makefile has a switch for a system mbedTLS. `sysmbedtls` therefore keeps
 *   the make switch off (so no bundled source is compiled and lib/mbedtls is not needed), turns
 *   the C switch on through CFLAGS_EXTRA (so the TLS module is compiled against the system's
 *   headers, with the system's default mbedtls config) and links the system libraries through
 *   LDFLAGS_EXTRA.
 *   Before v1.20 the unix port cannot build extmod/modussl_mbedtls.c at all (it uses
 *   mp_hal_delay_us without declaring it), so `sysmbedtls` starts at v1.20. Debian's library
 *   is built with MBEDTLS_DEBUG_C, and the TLS module then prints its `DBG:` lines (hundreds per
 *   handshake) to stdout.
 * - `lib/berkeley-db-1.xx` is compiled while MICROPY_PY_BTREE = 1 (every tag's default).
 * - libffi comes from the system (pkg-config) unless MICROPY_STANDALONE=1, so `lib/libffi` is
 *   never needed.
 */

export const BUILD_CONFIG_NAMES = ['default', 'sysmbedtls', 'nobtree'] as const;

/** A build configuration's name, as in `--config` and in cache entries (`1.22.2-nobtree`). */
export type BuildConfigName = (typeof BUILD_CONFIG_NAMES)[number];

/** The configuration used when none is named. */
export const DEFAULT_CONFIG: BuildConfigName = 'default';

/** What make is told for ports/unix, and where it puts the binary. */
export interface UnixMake {
  /** `NAME=value` arguments after `make -C ports/unix -jN`. */
  vars: string[];
  /** The build directory under ports/unix (`BUILD`). */
  build: string;
  /** The program name (`PROG`): `$(BUILD)/$(PROG)` from v1.20, `ports/unix/$(PROG)` before. */
  prog: string;
}

/** One build configuration. */
export interface BuildConfig {
  name: BuildConfigName;
  /** One line for `--help` and the README. */
  summary: string;
  /** The make variables for ports/unix at this tag. */
  unixMake(tag: TagFacts): UnixMake;
  /** The submodules under `lib/` this configuration compiles at this tag. */
  submodules(tag: TagFacts): string[];
  /** The TLS implementation the binary gets, for `miprig build --list`. */
  tls(tag: TagFacts): string;
  /** Why this configuration cannot build at this tag, or undefined when it can. */
  unsupported(tag: TagFacts): string | undefined;
}

const SYSTEM_MBEDTLS_LIBS = '-lmbedtls -lmbedx509 -lmbedcrypto';

const configs: Record<BuildConfigName, BuildConfig> = {
  default: {
    name: 'default',
    summary: "upstream's defaults: `make -C mpy-cross` then `make -C ports/unix`",
    unixMake: () => ({ vars: [], build: 'build-standard', prog: 'micropython' }),
    submodules: (tag) => present(tag, [...common(), ...bundledTls(tag)]),
    tls: (tag) => (tag.defaultTls ? `${tag.defaultTls} (bundled)` : 'none'),
    unsupported: () => undefined,
  },
  sysmbedtls: {
    name: 'sysmbedtls',
    summary: 'TLS from the system mbedTLS library (Debian: libmbedtls-dev) instead of the bundled one',
    unixMake: () => ({
      vars: [
        'BUILD=build-sysmbedtls',
        'PROG=micropython-sysmbedtls',
        'MICROPY_SSL_AXTLS=0',
        'MICROPY_SSL_MBEDTLS=0',
        'CFLAGS_EXTRA=-DMICROPY_SSL_MBEDTLS=1',
        `LDFLAGS_EXTRA=${SYSTEM_MBEDTLS_LIBS}`,
      ],
      build: 'build-sysmbedtls',
      prog: 'micropython-sysmbedtls',
    }),
    submodules: (tag) => present(tag, common()),
    tls: () => 'mbedtls (system)',
    unsupported: (tag) =>
      tag.versionTuple[0] === 1 && tag.versionTuple[1] < 20
        ? `${tag.tag}'s extmod/modussl_mbedtls.c does not link on the unix port with any mbedTLS (mp_hal_delay_us is undeclared there, an upstream bug): build it as default (axTLS) or nobtree, or by hand with CFLAGS_EXTRA='-DMICROPY_SSL_MBEDTLS=1 -Wno-error=implicit-function-declaration' and an object defining mp_hal_delay_us (usleep) in LDFLAGS_EXTRA`
        : undefined,
  },
  nobtree: {
    name: 'nobtree',
    summary: 'without the btree module (MICROPY_PY_BTREE=0), so lib/berkeley-db-1.xx is not needed',
    unixMake: () => ({
      vars: ['BUILD=build-nobtree', 'PROG=micropython-nobtree', 'MICROPY_PY_BTREE=0'],
      build: 'build-nobtree',
      prog: 'micropython-nobtree',
    }),
    submodules: (tag) => present(tag, [...common(), ...bundledTls(tag)].filter((p) => p !== 'lib/berkeley-db-1.xx')),
    tls: (tag) => (tag.defaultTls ? `${tag.defaultTls} (bundled)` : 'none'),
    unsupported: () => undefined,
  },
};

/** The configuration names as a sentence lists them: `default, sysmbedtls or nobtree`. */
export const CONFIG_CHOICES = `${BUILD_CONFIG_NAMES.slice(0, -1).join(', ')} or ${BUILD_CONFIG_NAMES[BUILD_CONFIG_NAMES.length - 1]!}`;

/**
 * The configuration of this name, or undefined for a name miprig does not know.
 *
 * @example
 * buildConfig('nobtree')?.unixMake(facts).vars; // ['BUILD=build-nobtree', 'PROG=micropython-nobtree', 'MICROPY_PY_BTREE=0']
 * buildConfig('debug');                         // undefined
 */
export function buildConfig(name: string): BuildConfig | undefined {
  return (BUILD_CONFIG_NAMES as readonly string[]).includes(name) ? configs[name as BuildConfigName] : undefined;
}

/**
 * Throw a one-line {@link UsageError} when `config` cannot build `tag`.
 *
 * @example
 * assertSupported(buildConfig('sysmbedtls')!, facts119); // throws: 1.19.1 (sysmbedtls): v1.19.1's extmod/… 
 */
export function assertSupported(config: BuildConfig, tag: TagFacts): void {
  const why = config.unsupported(tag);
  if (why) throw new UsageError(`${tag.version} (${config.name}): ${why}`);
}

/**
 * The make commands of a build, as argument lists run from the top of the source tree: mpy-cross
 * first (the unix port freezes modules compiled by it), then ports/unix.
 *
 * @example
 * makeCommands(buildConfig('default')!, facts, 2);
 * // [['-C', 'mpy-cross', '-j2'], ['-C', 'ports/unix', '-j2']]
 */
export function makeCommands(config: BuildConfig, tag: TagFacts, jobs: number): [string[], string[]] {
  return [
    ['-C', 'mpy-cross', `-j${jobs}`],
    ['-C', 'ports/unix', `-j${jobs}`, ...config.unixMake(tag).vars],
  ];
}

/**
 * A make command as a user types it: `make -C ports/unix -j2 'LDFLAGS_EXTRA=-lmbedtls …'`.
 *
 * @example
 * formatMake(['-C', 'ports/unix', 'CFLAGS_EXTRA=-DA=1 -DB=1']); // "make -C ports/unix 'CFLAGS_EXTRA=-DA=1 -DB=1'"
 */
export function formatMake(args: readonly string[]): string {
  return ['make', ...args.map(shellQuote)].join(' ');
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./=:,+@%-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** lib/micropython-lib (frozen mip/requests from v1.20) and the btree library. */
function common(): string[] {
  return ['lib/micropython-lib', 'lib/berkeley-db-1.xx'];
}

function bundledTls(tag: TagFacts): string[] {
  if (tag.defaultTls === 'mbedtls') return ['lib/mbedtls'];
  if (tag.defaultTls === 'axtls') return ['lib/axtls'];
  return [];
}

/** Only the submodules the tag actually pins (v1.19 has no lib/micropython-lib). */
function present(tag: TagFacts, paths: string[]): string[] {
  return paths.filter((p) => tag.pins.has(p));
}
