/**
 * Whether a firmware accepts a `.mpy` file, decided from its 4-byte header exactly as
 * `mp_raw_code_load` does (py/persistentcode.c at v1.18, v1.19.1, v1.22.2, v1.27.0). Only the
 * header is checked; the body is assumed well-formed.
 */
import { atLeast } from '../scenario/version.ts';
import type { Version } from '../scenario/version.ts';
import { PyException } from '../py/PyException.ts';
import { MPY_ARCH, canRunArch } from './mpyArch.ts';

/** What the loader of one firmware checks a header against. */
export interface MpyTarget {
  /** Firmware version. */
  version: Version;
  /** `MP_SMALL_INT_BITS`: 63 on 64-bit unix, 31 on 32-bit ports. */
  smallIntBits: number;
  /** The port's native emitter (`MPY_ARCH.none` when it has none, e.g. webassembly). */
  nativeArch: number;
  /** v5 era (v1.12–v1.18) feature flags of this build: bit 1 unicode, bit 0 bytecode map caching. */
  v5Flags: number;
}

/**
 * `.mpy` major version and sub-version a firmware loads and `mpy-cross` emits.
 *
 * @example
 * mpyFormatOf('1.22.2')  // { major: 6, sub: 2 }
 */
export function mpyFormatOf(version: Version): { major: number; sub: number } {
  if (atLeast(version, '1.23')) return { major: 6, sub: 3 };
  if (atLeast(version, '1.22')) return { major: 6, sub: 2 };
  if (atLeast(version, '1.20')) return { major: 6, sub: 1 };
  if (atLeast(version, '1.19')) return { major: 6, sub: 0 };
  if (atLeast(version, '1.12')) return { major: 5, sub: 0 };
  if (atLeast(version, '1.11')) return { major: 4, sub: 0 };
  if (atLeast(version, '1.9.3')) return { major: 3, sub: 0 };
  return { major: 2, sub: 0 };
}

const incompatibleFile = (): PyException => new PyException('ValueError', 'incompatible .mpy file');
const incompatibleArch = (): PyException => new PyException('ValueError', 'incompatible .mpy arch');

/**
 * The `ValueError` importing this `.mpy` raises on `target`, or null when the header is accepted.
 * Bytes past the end of a short file read as 0xFF (`MP_READER_EOF`), so an empty file is
 * `incompatible .mpy file`.
 *
 * @example
 * checkMpyHeader(new Uint8Array([0x4d, 6, 0, 31]), unix127)?.line  // undefined (accepted)
 * checkMpyHeader(new Uint8Array([0x4d, 6, 1, 31]), unix119)?.line  // 'ValueError: incompatible .mpy file'
 */
export function checkMpyHeader(bytes: Uint8Array, target: MpyTarget): PyException | null {
  const h = [0, 1, 2, 3].map((i) => bytes[i] ?? 0xff) as [number, number, number, number];
  const { major, sub } = mpyFormatOf(target.version);
  const feature = h[2];

  if (major < 6 || (major === 6 && sub === 0)) {
    // v1.19 and the v5 era: the low two bits are flags that must match the build exactly.
    const flags = major === 6 ? 0 : target.v5Flags;
    if (h[0] !== 0x4d || h[1] !== major || (feature & 3) !== flags || h[3] > target.smallIntBits) {
      return incompatibleFile();
    }
    const arch = feature >> 2;
    if (arch !== MPY_ARCH.none && !canRunArch(target.nativeArch, arch)) return incompatibleArch();
    return null;
  }

  // v1.20+: the sub-version only matters for native code; v1.27 masks bit 6 (arch flags follow).
  const v127 = atLeast(target.version, '1.27');
  const arch = v127 ? (feature >> 2) & 0x2f : feature >> 2;
  if (h[0] !== 0x4d || h[1] !== 6 || (arch !== MPY_ARCH.none && (feature & 3) !== sub) || h[3] > target.smallIntBits) {
    return incompatibleFile();
  }
  if (arch !== MPY_ARCH.none && !canRunArch(target.nativeArch, arch)) {
    return target.nativeArch === MPY_ARCH.none
      ? new PyException('ValueError', 'native code in .mpy unsupported')
      : incompatibleArch();
  }
  // Arch-flags varuint: only RV32 firmware understands it; no modelled port is RV32.
  if (v127 && (feature & 0x40) !== 0 && target.nativeArch !== MPY_ARCH.rv32imc) return incompatibleFile();
  return null;
}
