/**
 * MicroPython's own exception texts for the errors the HTTP client and mip models can raise.
 * The text depends on the build's MICROPY_ERROR_REPORTING level: unix, rp2, stm32 and
 * webassembly builds are DETAILED, esp32/esp8266 NORMAL, samd TERSE (py/mpconfig.h and the
 * ports' mpconfigport.h at v1.24.1).
 */
import { PyException } from './PyException.ts';
import { parseMicroPythonInt, type ErrorReporting } from './int.ts';

export type { ErrorReporting };

/**
 * The error reporting level of a port's standard build.
 *
 * @example
 * errorReportingFor('esp32') // 'normal'
 */
export function errorReportingFor(port: string): ErrorReporting {
  switch (port) {
    case 'esp32':
    case 'esp8266':
      return 'normal';
    case 'samd':
      return 'terse';
    default:
      return 'detailed';
  }
}

/** A Python value's type name as `'%s' object …` messages print it. */
export type PyTypeName = 'NoneType' | 'bool' | 'int' | 'float' | 'str' | 'bytes' | 'list' | 'dict';

/** MicroPython's `unichar_isspace`: space, \t, \n, \v, \f, \r. */
export function isPySpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/**
 * `mp_str_print_quoted`: the quoted body of a str or bytes repr, without the `b` prefix.
 *
 * @example
 * pyQuoted(new TextEncoder().encode("it's"), true) // "\"it's\""
 */
export function pyQuoted(data: Uint8Array, isBytes: boolean): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < data.length && !hasDouble; i++) {
    if (data[i] === 0x27) hasSingle = true;
    else if (data[i] === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = String.fromCharCode(quote);
  let run: number[] = [];
  const flush = (): void => {
    if (run.length > 0) out += Buffer.from(run).toString('utf8');
    run = [];
  };
  for (const c of data) {
    if (c === quote) {
      flush();
      out += '\\' + String.fromCharCode(quote);
    } else if (c === 0x5c) {
      flush();
      out += '\\\\';
    } else if (c >= 0x20 && c !== 0x7f && (!isBytes || c < 0x80)) {
      run.push(c); // str: non-ASCII bytes are UTF-8 and print as is
    } else {
      flush();
      out += c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : `\\x${c.toString(16).padStart(2, '0')}`;
    }
  }
  flush();
  return out + String.fromCharCode(quote);
}

/** `repr(b'...')`. */
export function bytesRepr(data: Uint8Array): string {
  return 'b' + pyQuoted(data, true);
}

/** `repr('...')`. */
export function strRepr(text: string): string {
  return pyQuoted(Buffer.from(text, 'utf8'), false);
}

/**
 * Factory of exceptions with the texts of one error reporting level.
 *
 * @example
 * new PyErrors('detailed').unpackTooShort(1).line // 'ValueError: need more than 1 values to unpack'
 */
export class PyErrors {
  constructor(readonly level: ErrorReporting) {}

  /** `a, b = seq` with too few items. */
  unpackTooShort(have: number): PyException {
    return this.level === 'terse'
      ? new PyException('ValueError', 'wrong number of values to unpack')
      : new PyException('ValueError', `need more than ${have} values to unpack`);
  }

  /** `a, b = seq` with too many items. */
  unpackTooLong(expected: number): PyException {
    return this.level === 'terse'
      ? new PyException('ValueError', 'wrong number of values to unpack')
      : new PyException('ValueError', `too many values to unpack (expected ${expected})`);
  }

  noAttribute(type: PyTypeName, attr: string): PyException {
    return this.level === 'terse'
      ? new PyException('AttributeError', 'no such attribute')
      : new PyException('AttributeError', `'${type}' object has no attribute '${attr}'`);
  }

  notIterable(type: PyTypeName): PyException {
    return this.level === 'terse'
      ? new PyException('TypeError', 'object not iterable')
      : new PyException('TypeError', `'${type}' object isn't iterable`);
  }

  notSubscriptable(type: PyTypeName): PyException {
    return this.level === 'terse'
      ? new PyException('TypeError', "object isn't subscriptable")
      : new PyException('TypeError', `'${type}' object isn't subscriptable`);
  }

  /** `'abc' + 1`. */
  cantConvertToStr(type: PyTypeName): PyException {
    return this.level === 'terse'
      ? new PyException('TypeError', "can't convert to str implicitly")
      : new PyException('TypeError', `can't convert '${type}' object to ${type === 'str' ? 'bytes' : 'str'} implicitly`);
  }

  indexOutOfRange(): PyException {
    return new PyException('IndexError', 'list index out of range');
  }

  /**
   * `int(text, base)` failing (py/parsenum.c): DETAILED builds quote the text after the
   * leading space and sign, always in bytes style (`\xc3` for non-ASCII, even for a str).
   */
  invalidInt(base: number, rest: Uint8Array): PyException {
    if (this.level === 'terse') return new PyException('ValueError', 'invalid syntax for integer');
    if (this.level === 'normal') return new PyException('ValueError', `invalid syntax for integer with base ${base}`);
    return new PyException('ValueError', `invalid syntax for integer with base ${base}: ${pyQuoted(rest, true)}`);
  }
}

/**
 * `int(x, base)` of MicroPython (py/parsenum.c `mp_parse_num_integer`): surrounding
 * whitespace, one sign, `_` anywhere among the digits; anything else raises ValueError.
 * Large values lose precision (JS numbers), which no installer path observes.
 *
 * @example
 * parsePyInt(new TextEncoder().encode(' 200 '), 10, errors) // 200
 */
export function parsePyInt(data: Uint8Array, base: number, errors: PyErrors): number {
  // One implementation of py/parsenum.c serves the HTTP clients and upip's tar reader.
  return parseMicroPythonInt(data, base, errors.level);
}

/** MicroPython's `utf8_check`: structure only (overlongs and surrogates pass). */
export function utf8Check(data: Uint8Array): boolean {
  let need = 0;
  for (const c of data) {
    if (need > 0) {
      if ((c & 0xc0) !== 0x80) return false;
      need--;
    } else if (c >= 0xc0) {
      if (c >= 0xf8) return false;
      need = (0xe5 >> ((c >> 3) & 0x6)) & 3;
    } else if (c >= 0x80) {
      return false;
    }
  }
  return need === 0;
}

const LENIENT_UTF8 = new TextDecoder('utf-8');

/** `str(data, "utf-8")`: a UnicodeError (no text) when MicroPython's check rejects the bytes. */
export function decodePyUtf8(data: Uint8Array): string {
  if (!utf8Check(data)) throw new PyException('UnicodeError');
  return LENIENT_UTF8.decode(data);
}
