/**
 * MicroPython's `int(text_or_bytes, base)` (py/parsenum.c `mp_parse_num_integer`, same rules
 * v1.12 → today): leading and trailing whitespace (space, \t \n \v \f \r — **not NUL**) is
 * skipped, an optional sign, an optional `0o`/`0x`/`0b` prefix matching the base, digits with `_`
 * allowed anywhere, then the end must be reached. So `int(b'00000000003 ', 8)` is 3 but
 * `int(b'00000000003\0', 8)` raises — the root of micropython#3339.
 */
import { PyException } from './PyException.ts';

/** `MICROPY_ERROR_REPORTING`: unix is `detailed`; esp32 and most boards `normal`. */
export type ErrorReporting = 'detailed' | 'normal' | 'terse';

const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/**
 * Parse like MicroPython's `int(b, base)`; throws the `ValueError` MicroPython would raise.
 *
 * @example
 * parseMicroPythonInt(new TextEncoder().encode('00000000003 '), 8) // 3
 * parseMicroPythonInt(new TextEncoder().encode('00000001155\0'), 8)
 * // throws ValueError: invalid syntax for integer with base 8: '00000001155\x00'
 */
export function parseMicroPythonInt(bytes: Uint8Array, base: number, reporting: ErrorReporting = 'detailed'): number {
  if (base < 2 || base > 36) throw new PyException('ValueError', 'int() arg 2 must be >= 2 and <= 36');
  const top = bytes.length;
  let i = 0;
  while (i < top && isSpace(bytes[i]!)) i++;
  let negative = false;
  if (i < top && (bytes[i] === 0x2b || bytes[i] === 0x2d)) {
    negative = bytes[i] === 0x2d;
    i++;
  }
  i += basePrefixLength(bytes, i, base);
  const valueStart = i;
  let value = 0;
  for (; i < top; i++) {
    let dig = bytes[i]!;
    if (dig >= 0x30 && dig <= 0x39) dig -= 0x30;
    else if (dig === 0x5f) continue; // '_'
    else {
      dig |= 0x20;
      if (dig >= 0x61 && dig <= 0x7a) dig -= 0x61 - 10;
      else break;
    }
    if (dig >= base) break;
    value = value * base + dig;
  }
  const parsedSomething = i !== valueStart;
  while (i < top && isSpace(bytes[i]!)) i++;
  if (!parsedSomething || i !== top) throw invalidSyntax(bytes.subarray(valueStart), base, reporting);
  return negative ? -value : value;
}

/** `mp_parse_num_base` for a fixed base: skip `0o` (base 8), `0x` (16) or `0b` (2). */
function basePrefixLength(bytes: Uint8Array, i: number, base: number): number {
  if (bytes.length - i <= 1 || bytes[i] !== 0x30) return 0;
  const c = bytes[i + 1]! | 0x20;
  if ((base === 8 && c === 0x6f) || (base === 16 && c === 0x78) || (base === 2 && c === 0x62)) return 2;
  return 0;
}

function invalidSyntax(rest: Uint8Array, base: number, reporting: ErrorReporting): PyException {
  if (reporting === 'terse') return new PyException('ValueError', 'invalid syntax for integer');
  if (reporting === 'normal') return new PyException('ValueError', `invalid syntax for integer with base ${base}`);
  return new PyException('ValueError', `invalid syntax for integer with base ${base}: ${quoteBytesAsMicroPython(rest)}`);
}

/**
 * `mp_str_print_quoted(…, is_bytes=true)`: repr-style quoting with `\xNN` for control and
 * non-ASCII bytes.
 *
 * @example
 * quoteBytesAsMicroPython(Uint8Array.from([0x31, 0])) // "'1\\x00'"
 */
export function quoteBytesAsMicroPython(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const hasDouble = bytes.includes(0x22);
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let s = String.fromCharCode(quote);
  for (const c of bytes) {
    if (c === quote) s += '\\' + String.fromCharCode(quote);
    else if (c === 0x5c) s += '\\\\';
    else if (c >= 0x20 && c !== 0x7f && c < 0x80) s += String.fromCharCode(c);
    else if (c === 0x0a) s += '\\n';
    else if (c === 0x0d) s += '\\r';
    else if (c === 0x09) s += '\\t';
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return s + String.fromCharCode(quote);
}
