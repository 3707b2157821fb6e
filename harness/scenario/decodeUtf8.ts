/**
 * Decode a scenario file's bytes as UTF-8, strictly: a byte sequence that is not UTF-8 (a file
 * saved as Latin-1, a binary file given by mistake) is reported with its offset instead of being
 * turned into U+FFFD, which would reach the schema as a puzzling value or pass unnoticed.
 * A byte order mark is kept, as `readFile(…, 'utf8')` keeps it (the YAML parser skips it).
 *
 * @example
 * decodeUtf8(new TextEncoder().encode('name: a'))  // { text: 'name: a' }
 * decodeUtf8(Uint8Array.of(0x61, 0xff))             // { offset: 1, byte: 0xff }
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { offset: number; byte: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidOffset(bytes);
    return { offset, byte: bytes[offset] ?? 0 };
  }
}

/**
 * Where the first sequence that is not UTF-8 starts (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF, no truncated sequence at the end).
 */
function firstInvalidOffset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence, and the range its second byte must fall in.
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 3;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 4;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    if (i + n > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return bytes.length;
}
