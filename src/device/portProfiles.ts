/**
 * What a port's generic firmware looks like at boot, per version (py/runtime.c `mp_init`,
 * ports/<port>/main.c, py/modsys.c, py/gc.c): cwd, HOME, default `sys.path`, `sys.implementation._mpy`,
 * word size, native arch, default heap.
 */
import type { PortName } from '../scenario/schema.ts';
import { atLeast } from '../scenario/version.ts';
import type { Version } from '../scenario/version.ts';
import { MPY_ARCH } from '../mpy/mpyArch.ts';
import { mpyFormatOf } from '../mpy/mpyHeader.ts';
import type { MpyTarget } from '../mpy/mpyHeader.ts';
import type { MountTable } from './MountTable.ts';

/** The unix port's HOME on the virtual device (the unix backend maps it into its run root). */
export const UNIX_HOME = '/home';
/** The unix port's system library directory, always on its default path. */
export const UNIX_SYSTEM_LIB = '/usr/lib/micropython';

/** Fixed facts about a port's generic board. */
interface PortFacts {
  cwd: string;
  wordBytes: 4 | 8;
  nativeArch: number;
  defaultHeapBytes: number;
  /** Bytes lost to `gc_init`'s end alignment (see HeapOptions.startMisalignment). */
  heapMisalignment: number;
  /** `MICROPY_GC_SPLIT_HEAP_AUTO` from this version (heap grows instead of failing). */
  splitHeapAutoFrom?: Version;
  /** `MICROPY_ERROR_REPORTING_TERSE`: ImportError says `module not found`. */
  terseErrors: boolean;
}

// Default heaps of the MCU ports are typical figures for their generic boards (approximate).
const PORT_FACTS: Record<PortName, PortFacts> = {
  unix: { cwd: '/', wordBytes: 8, nativeArch: MPY_ARCH.x64, defaultHeapBytes: 2 * 1024 * 1024, heapMisalignment: 16, terseErrors: false },
  esp32: { cwd: '/', wordBytes: 4, nativeArch: MPY_ARCH.xtensawin, defaultHeapBytes: 110 * 1024, heapMisalignment: 0, splitHeapAutoFrom: '1.21', terseErrors: false },
  esp8266: { cwd: '/', wordBytes: 4, nativeArch: MPY_ARCH.xtensa, defaultHeapBytes: 38 * 1024, heapMisalignment: 0, terseErrors: false },
  rp2: { cwd: '/', wordBytes: 4, nativeArch: MPY_ARCH.armv6m, defaultHeapBytes: 192 * 1024, heapMisalignment: 0, terseErrors: false },
  stm32: { cwd: '/flash', wordBytes: 4, nativeArch: MPY_ARCH.armv7emsp, defaultHeapBytes: 100 * 1024, heapMisalignment: 0, terseErrors: false },
  pyboard: { cwd: '/flash', wordBytes: 4, nativeArch: MPY_ARCH.armv7emsp, defaultHeapBytes: 100 * 1024, heapMisalignment: 0, terseErrors: false },
  // SAMD51 boards (armv7em with single-precision FPU); SAMD21 builds have no native emitter.
  samd: { cwd: '/', wordBytes: 4, nativeArch: MPY_ARCH.armv7emsp, defaultHeapBytes: 128 * 1024, heapMisalignment: 0, terseErrors: true },
  // The npm pyscript build: no native emitter, heap grows on demand from v1.23.
  webassembly: { cwd: '/', wordBytes: 4, nativeArch: MPY_ARCH.none, defaultHeapBytes: 128 * 1024, heapMisalignment: 0, splitHeapAutoFrom: '1.23', terseErrors: false },
};

/** Everything about a firmware the virtual device needs at boot. */
export interface PortProfile {
  port: PortName;
  version: Version;
  cwd: string;
  /** `$HOME` (unix only). */
  home: string | undefined;
  wordBytes: 4 | 8;
  /** GC block: 4 words. */
  blockSize: number;
  /** `MP_SMALL_INT_BITS`. */
  smallIntBits: number;
  nativeArch: number;
  /** `sys.implementation._mpy` (v1.19+), undefined before. */
  mpy: number | undefined;
  /** `sys.implementation.mpy` of v1.12–v1.18 (renamed `_mpy` in v1.19), undefined otherwise. */
  legacyMpy: number | undefined;
  /** What the `.mpy` loader checks headers against. */
  mpyTarget: MpyTarget;
  defaultHeapBytes: number;
  heapMisalignment: number;
  /** Heap the interpreter holds after start-up (measured on unix; 0 where unknown). */
  heapBaselineBytes: number;
  splitHeapAuto: boolean;
  terseErrors: boolean;
}

/**
 * v5 feature flags of a build: bit 1 unicode (all modelled ports), bit 0 map-lookup caching in
 * bytecode (unix ≤1.17 only).
 */
function v5Flags(port: PortName, version: Version): number {
  return port === 'unix' && !atLeast(version, '1.18') ? 3 : 2;
}

/**
 * `sys.implementation._mpy` / `.mpy`: version | feature byte << 8 (named `mpy` to v1.18, `_mpy`
 * from v1.19; py/modsys.c).
 *
 * @example
 * mpyValue('unix', '1.22.2')   // 2566
 * mpyValue('esp32', '1.27.0')  // 11014
 */
export function mpyValue(port: PortName, version: Version): number | undefined {
  if (!atLeast(version, '1.12')) return undefined;
  const { major, sub } = mpyFormatOf(version);
  const arch = PORT_FACTS[port].nativeArch;
  const low = major === 5 ? v5Flags(port, version) : sub;
  return major | ((low | (arch << 2)) << 8);
}

/**
 * The boot profile of `port` at `version`.
 *
 * @example
 * portProfile('stm32', '1.22.2').cwd        // '/flash'
 * portProfile('unix', '1.27.0').blockSize   // 32
 */
export function portProfile(port: PortName, version: Version): PortProfile {
  const facts = PORT_FACTS[port];
  const mpy = mpyValue(port, version);
  const smallIntBits = facts.wordBytes * 8 - 1;
  return {
    port,
    version,
    cwd: facts.cwd,
    home: port === 'unix' ? UNIX_HOME : undefined,
    wordBytes: facts.wordBytes,
    blockSize: facts.wordBytes * 4,
    smallIntBits,
    nativeArch: facts.nativeArch,
    mpy: atLeast(version, '1.19') ? mpy : undefined,
    legacyMpy: atLeast(version, '1.19') ? undefined : mpy,
    mpyTarget: { version, smallIntBits, nativeArch: facts.nativeArch, v5Flags: v5Flags(port, version) },
    defaultHeapBytes: facts.defaultHeapBytes,
    heapMisalignment: facts.heapMisalignment,
    heapBaselineBytes: port === 'unix' ? (atLeast(version, '1.22') && !atLeast(version, '1.23') ? 1024 : 992) : 0,
    splitHeapAuto: facts.splitHeapAutoFrom !== undefined && atLeast(version, facts.splitHeapAutoFrom),
    terseErrors: facts.terseErrors,
  };
}

/**
 * The `sys.path` a port boots with (py/runtime.c `mp_init`, then the port's main.c; unix as
 * `-c`/`-m`/REPL, i.e. `''` first, without MICROPYPATH).
 *
 * - `'.frozen'` second from v1.18 when the firmware has frozen modules;
 * - `'/rom', '/rom/lib'` next from v1.25 when a `kind: rom` mount is declared at `/rom` (bare-metal
 *   ports only: unix and webassembly have no ROMFS partition to mount at boot);
 * - then the port's entries. stm32/pyboard: `/sd`, `/sd/lib` only when a mount at `/sd` is declared.
 *
 * @example
 * defaultSysPath('esp8266', '1.22.2', { hasFrozen: true, mounts })  // ['', '.frozen', '/lib', '/']
 */
export function defaultSysPath(
  port: PortName,
  version: Version,
  opts: { hasFrozen: boolean; mounts: MountTable },
): string[] {
  const path = [''];
  if (atLeast(version, '1.18') && opts.hasFrozen) path.push('.frozen');
  const romfs = port !== 'unix' && port !== 'webassembly' && atLeast(version, '1.25') && opts.mounts.has('/rom', 'rom');
  if (romfs) path.push('/rom', '/rom/lib');
  switch (port) {
    case 'unix':
      path.push(`${UNIX_HOME}/.micropython/lib`, UNIX_SYSTEM_LIB);
      break;
    case 'esp32':
    case 'rp2':
      path.push('/lib');
      break;
    case 'esp8266':
      path.push('/lib', '/');
      break;
    case 'stm32':
    case 'pyboard':
      if (opts.mounts.has('/sd')) path.push('/sd', '/sd/lib');
      path.push('/flash', '/flash/lib');
      break;
    case 'samd':
      if (atLeast(version, '1.21')) path.push('/lib');
      break;
    case 'webassembly':
      if (atLeast(version, '1.23')) path.push('/lib');
      break;
  }
  return path;
}

/**
 * The unix `sys.path` for a `MICROPYPATH` value: `''`, then the value split on `:`, with a
 * leading `~/` replaced by `$HOME/`. ≤v1.20 keeps an empty first entry (an extra `''`); v1.21+
 * skips it. `undefined` (variable unset) gives the default path.
 *
 * @example
 * sysPathFromMicropypath(':/a', '1.19.1', '/home')       // ['', '', '/a']
 * sysPathFromMicropypath('/x:~/y:.frozen', '1.27.0', '/h') // ['', '/x', '/h/y', '.frozen']
 */
export function sysPathFromMicropypath(value: string, version: Version, home: string | undefined): string[] {
  const entries = value.split(':');
  if (atLeast(version, '1.21') && entries[0] === '') entries.shift();
  return ['', ...entries.map((e) => expandHome(e, home))];
}

/**
 * The `MICROPYPATH` that makes a unix binary boot with `sysPath` (a full `sys.path` whose first
 * entry is `''`). Throws when the list cannot be produced that way.
 *
 * @example
 * micropypathFor(['', '.frozen', '/lib'])  // '.frozen:/lib'
 */
export function micropypathFor(sysPath: readonly string[]): string {
  if (sysPath[0] !== '') {
    throw new Error(`sysPath ${JSON.stringify(sysPath)} cannot come from MICROPYPATH: unix puts '' first; start the list with ""`);
  }
  const rest = sysPath.slice(1);
  if (rest.some((e) => e.includes(':'))) {
    throw new Error(`sysPath ${JSON.stringify(sysPath)} has an entry with ':', which MICROPYPATH cannot express`);
  }
  if (rest.length > 0 && rest[0] === '') {
    throw new Error(`sysPath ${JSON.stringify(sysPath)} has a second '' entry, which MICROPYPATH gives only on ≤1.20 (write ":…")`);
  }
  return rest.join(':');
}

/**
 * `~/x` → `$HOME/x` (only at the start of an entry, only when HOME is set).
 *
 * @example
 * expandHome('~/lib', '/home')  // '/home/lib'
 */
export function expandHome(entry: string, home: string | undefined): string {
  return home !== undefined && entry.startsWith('~/') ? `${home}${entry.slice(1)}` : entry;
}
