/**
 * Build a `.mpy` file with a chosen header around the body `mpy-cross` emits for an empty
 * source file (bytecode only). With version 6 / sub 0 / arch 0 / small-int bits 31 the result is
 * byte-identical to `mpy-cross m.py` on an empty `m.py` for v1.19.1 … v1.27.0 (checked), and loads
 * on every v1.19+ firmware. Other headers keep the same body: they exist to be rejected.
 *
 * Body layout (py/persistentcode.c `mp_raw_code_save`, v6):
 *   n_qstr=2, n_obj=0,
 *   qstr 0 = source file name (varuint len<<1, bytes, NUL), qstr 1 = static `<module>` (0x0f),
 *   raw code: varuint (len<<3 | kind bytecode) = 0x28, bytecode `00 02 01 51 63`
 *   (prelude signature, prelude size, simple name = qstr 1, LOAD_CONST_NONE, RETURN_VALUE).
 */

/** Options of `buildMpy`, mirroring the scenario's `{ mpy: {...} }` file content. */
export interface BuildMpyOptions {
  version: number;
  sub: number;
  arch: number;
  smallIntBits: number;
  /** First byte; `'M'` for a real file. */
  magic: string;
  /** True → a zero-byte file. */
  empty: boolean;
  /** Source name stored as qstr 0 (mpy-cross stores the path it was given). Default `m.py`. */
  sourceName?: string;
}

const MODULE_QSTR_STATIC = 0x0f;
const EMPTY_MODULE_RAW_CODE = [0x28, 0x00, 0x02, 0x01, 0x51, 0x63];

/**
 * @example
 * buildMpy({ version: 6, sub: 0, arch: 0, smallIntBits: 31, magic: 'M', empty: false })
 * // 4d 06 00 1f 02 00 08 6d 2e 70 79 00 0f 28 00 02 01 51 63
 */
export function buildMpy(opts: BuildMpyOptions): Uint8Array {
  if (opts.empty) return new Uint8Array(0);
  const name = new TextEncoder().encode(opts.sourceName ?? 'm.py');
  const feature = (opts.sub & 3) | ((opts.arch & 0x3f) << 2);
  const out: number[] = [opts.magic.charCodeAt(0) & 0xff, opts.version & 0xff, feature & 0xff, opts.smallIntBits & 0xff];
  out.push(0x02, 0x00);
  pushVaruint(out, name.length << 1);
  out.push(...name, 0x00, MODULE_QSTR_STATIC, ...EMPTY_MODULE_RAW_CODE);
  return Uint8Array.from(out);
}

/** MicroPython's varuint: 7 bits per byte, most significant group first, high bit = more follows. */
function pushVaruint(out: number[], value: number): void {
  const groups: number[] = [value & 0x7f];
  for (let v = value >>> 7; v > 0; v >>>= 7) groups.unshift((v & 0x7f) | 0x80);
  out.push(...groups);
}
