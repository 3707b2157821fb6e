/**
 * Native architecture numbers of the `.mpy` feature byte (bits 2–5), py/persistentcode.h.
 *
 * @example
 * MPY_ARCH.x64  // 2
 */
export const MPY_ARCH = {
  none: 0,
  x86: 1,
  x64: 2,
  armv6: 3,
  armv6m: 4,
  armv7m: 5,
  armv7em: 6,
  armv7emsp: 7,
  armv7emdp: 8,
  xtensa: 9,
  xtensawin: 10,
  rv32imc: 11,
  rv64imc: 12,
} as const;

/**
 * `MPY_FEATURE_ARCH_TEST`: can a firmware whose native emitter is `portArch` run code for `fileArch`?
 * Thumb ports run every Thumb flavour from armv6m up to their own; everything else needs an exact match.
 *
 * @example
 * canRunArch(MPY_ARCH.armv7emsp, MPY_ARCH.armv6m)  // true
 * canRunArch(MPY_ARCH.x64, MPY_ARCH.armv6m)        // false
 */
export function canRunArch(portArch: number, fileArch: number): boolean {
  const thumb = portArch >= MPY_ARCH.armv6m && portArch <= MPY_ARCH.armv7emdp;
  if (thumb) return fileArch >= MPY_ARCH.armv6m && fileArch <= portArch;
  return fileArch === portArch;
}
