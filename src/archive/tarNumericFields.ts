/**
 * Rewrite the numeric fields of a tar archive's headers to the terminator style of the tool being
 * imitated, and recompute each header checksum.
 *
 * tar-stream writes `size` as 11 octal digits + space (`"00000000003 "`) and `mode` as
 * `"000644 \0"`; CPython's `tarfile` writes `"%0*o" + NUL` (`"00000000003\0"`, `"0000644\0"`) and
 * the checksum as `"%06o\0 "`. An old upip tar reader (upip ≤ 1.2.1 after MicroPython's
 * `str.rstrip()` fix) choked on the NUL form: micropython#3339.
 */

export type NumericTerminator = 'space' | 'nul';

/** Numeric fields: [offset, width]. */
const NUMERIC_FIELDS: readonly (readonly [number, number])[] = [
  [100, 8], // mode
  [108, 8], // uid
  [116, 8], // gid
  [124, 12], // size
  [136, 12], // mtime
  [329, 8], // devmajor
  [337, 8], // devminor
];

/** Value of an octal text field, ignoring spaces and NULs (tar readers' lenient parse). */
export function readOctalField(block: Uint8Array, offset: number, width: number): number {
  let value = 0;
  for (let i = offset; i < offset + width; i++) {
    const c = block[i]!;
    if (c >= 0x30 && c <= 0x37) value = value * 8 + (c - 0x30);
    else if (c !== 0x20 && c !== 0) break;
  }
  return value;
}

/**
 * The header checksum: the byte sum of the 512-byte block with the checksum field read as spaces.
 *
 * @example
 * tarHeaderChecksum(block).toString(8)
 */
export function tarHeaderChecksum(block: Uint8Array, offset = 0): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < 148; i++) sum += block[offset + i]!;
  for (let i = 156; i < 512; i++) sum += block[offset + i]!;
  return sum;
}

/**
 * Return a copy of `tar` whose header numeric fields use `terminator`:
 * `'nul'` → CPython style (`digits…\0`, checksum `dddddd\0 `), `'space'` → tar-stream style
 * (`digits… ` with a NUL after for mode/uid/gid, checksum `dddddd \0`).
 * Walks headers until the end-of-archive zero block; data blocks are untouched.
 *
 * @example
 * const cpythonStyle = setNumericTerminator(await packWithTarStream(), 'nul');
 */
export function setNumericTerminator(tar: Uint8Array, terminator: NumericTerminator): Uint8Array {
  const out = tar.slice();
  for (let pos = 0; pos + 512 <= out.length; ) {
    if (out[pos] === 0) break;
    const block = out.subarray(pos, pos + 512);
    const size = readOctalField(block, 124, 12);
    for (const [offset, width] of NUMERIC_FIELDS) {
      const value = readOctalField(block, offset, width);
      writeNumeric(block, offset, width, value, terminator);
    }
    block.fill(0x20, 148, 156);
    const sum = tarHeaderChecksum(block);
    const digits = sum.toString(8).padStart(6, '0');
    writeAscii(block, 148, terminator === 'nul' ? `${digits}\0 ` : `${digits} \0`);
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

function writeNumeric(block: Uint8Array, offset: number, width: number, value: number, terminator: NumericTerminator): void {
  if (terminator === 'nul') {
    writeAscii(block, offset, value.toString(8).padStart(width - 1, '0') + '\0');
  } else if (width === 12) {
    writeAscii(block, offset, value.toString(8).padStart(11, '0') + ' ');
  } else {
    writeAscii(block, offset, value.toString(8).padStart(6, '0') + ' \0');
  }
}

function writeAscii(block: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) block[offset + i] = text.charCodeAt(i);
}
