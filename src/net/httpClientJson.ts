/**
 * MicroPython's `json.loads` (extmod/modjson.c, `mod_json_load`), byte for byte, because it
 * accepts texts CPython rejects and mip's outcome depends on it:
 * - `,` and `:` are skipped like whitespace anywhere: `[1 2]`, `{"a" 1}`, `[1,]`, `{,}` parse;
 * - any closing bracket closes any container: `[1}` parses;
 * - a dict with a dangling key (`{"a"}`) parses as `{}`;
 * - a NUL byte ends the input (it is the parser's EOF marker);
 * - escapes other than b f n r t u stand for themselves (`\x` is `x`); `\u` reads 4 chars without
 *   validating them; strings may hold raw control characters; invalid UTF-8 → `UnicodeError`;
 * - trailing data after the value is an error (as in CPython); trailing whitespace is fine;
 * - up to v1.25, input that ends inside the outermost container returns what was built so far
 *   (`{"hashes": [["a.py", "12345678"]]` parses); v1.26.0 made that an error.
 * Every syntax error is `ValueError: syntax error in JSON`; bad numbers raise int()/float() texts.
 */
import { PyException } from '../py/PyException.ts';
import { decodePyUtf8, parsePyInt, type PyErrors } from '../py/errors.ts';
import { PyDict, PyFloat, type PyValue } from '../py/values.ts';

export interface JsonDialect {
  /** v1.26.0+: input ending inside a container is a syntax error. */
  failOnUnterminated: boolean;
  errors: PyErrors;
}

const EOF = 0;

function syntaxError(): PyException {
  return new PyException('ValueError', 'syntax error in JSON');
}

/** `vstr_add_char`: UTF-8 encoding of any 32-bit value, as MicroPython writes it. */
function pushChar(out: number[], c: number): void {
  c >>>= 0;
  if (c < 0x80) out.push(c);
  else if (c < 0x800) out.push(0xc0 | (c >>> 6), 0x80 | (c & 0x3f));
  else if (c < 0x10000) out.push(0xe0 | (c >>> 12), 0x80 | ((c >>> 6) & 0x3f), 0x80 | (c & 0x3f));
  else out.push((0xf0 | (c >>> 18)) & 0xff, 0x80 | ((c >>> 12) & 0x3f), 0x80 | ((c >>> 6) & 0x3f), 0x80 | (c & 0x3f));
}

/** `mp_parse_num_float` on the characters the JSON number loop collected. */
function parseFloat(chars: number[]): PyFloat {
  let i = 0;
  let neg = false;
  if (chars[0] === 0x2b || chars[0] === 0x2d) {
    neg = chars[0] === 0x2d;
    i++;
  }
  const start = i;
  let intg = '';
  let frac = '';
  let exp = '';
  let expSign = '';
  let state: 'intg' | 'frac' | 'exp' = 'intg';
  for (; i < chars.length; i++) {
    const c = chars[i]!;
    if (c >= 0x30 && c <= 0x39) {
      if (state === 'intg') intg += String.fromCharCode(c);
      else if (state === 'frac') frac += String.fromCharCode(c);
      else exp += String.fromCharCode(c);
    } else if (state === 'intg' && c === 0x2e) {
      state = 'frac';
    } else if (state !== 'exp' && (c | 0x20) === 0x65) {
      state = 'exp';
      if (chars[i + 1] === 0x2b || chars[i + 1] === 0x2d) {
        expSign = chars[i + 1] === 0x2d ? '-' : '';
        i++;
      }
      if (i + 1 >= chars.length) throw new PyException('ValueError', 'invalid syntax for number');
    } else {
      break;
    }
  }
  if (i === start || i !== chars.length) throw new PyException('ValueError', 'invalid syntax for number');
  const value = Number(`${intg || '0'}.${frac || '0'}e${expSign}${exp || '0'}`);
  return new PyFloat(neg ? -value : value);
}

/**
 * Parse bytes as MicroPython's `json.loads` does.
 *
 * @example
 * microPythonJsonLoads(new TextEncoder().encode('{"hashes": [["a.py" "1234"]]}'), dialect)
 * // a PyDict whose "hashes" is [["a.py", "1234"]]
 */
export function microPythonJsonLoads(data: Uint8Array, dialect: JsonDialect): PyValue {
  let pos = 0;
  let cur = EOF;
  const next = (): number => {
    cur = pos < data.length ? data[pos++]! : EOF;
    return cur;
  };

  const stack: Array<PyValue[] | PyDict> = [];
  let top: PyValue[] | PyDict | undefined;
  let topPrimitive: PyValue | undefined;
  let key: PyValue | undefined;
  let hasKey = false;
  let finished = false;

  next();
  for (;;) {
    if (cur === EOF) {
      if (dialect.failOnUnterminated) throw syntaxError();
      break;
    }
    let value: PyValue = null;
    let enter = false;
    const c = cur;
    next();
    switch (c) {
      case 0x2c: // ,
      case 0x3a: // :
      case 0x20:
      case 0x09:
      case 0x0a:
      case 0x0d:
        continue;
      case 0x6e: // n
        if (cur === 0x75 && next() === 0x6c && next() === 0x6c) {
          next();
          value = null;
        } else throw syntaxError();
        break;
      case 0x66: // f
        if (cur === 0x61 && next() === 0x6c && next() === 0x73 && next() === 0x65) {
          next();
          value = false;
        } else throw syntaxError();
        break;
      case 0x74: // t
        if (cur === 0x72 && next() === 0x75 && next() === 0x65) {
          next();
          value = true;
        } else throw syntaxError();
        break;
      case 0x22: {
        const out: number[] = [];
        while (cur !== EOF && cur !== 0x22) {
          let b = cur;
          if (b === 0x5c) {
            b = next();
            if (b === 0x62) b = 0x08;
            else if (b === 0x66) b = 0x0c;
            else if (b === 0x6e) b = 0x0a;
            else if (b === 0x72) b = 0x0d;
            else if (b === 0x74) b = 0x09;
            else if (b === 0x75) {
              let num = 0;
              for (let k = 0; k < 4; k++) {
                let d = ((next() | 0x20) - 0x30) & 0xff; // byte arithmetic, as in C
                if (d > 9) d = (d - 39) & 0xff;
                num = ((num << 4) | d) >>> 0;
              }
              pushChar(out, num);
              next();
              continue;
            }
          }
          out.push(b);
          next();
        }
        if (cur === EOF) throw syntaxError();
        next();
        value = decodePyUtf8(Uint8Array.from(out));
        break;
      }
      case 0x2d:
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34:
      case 0x35: case 0x36: case 0x37: case 0x38: case 0x39: {
        let flt = false;
        const chars: number[] = [];
        let d: number = c;
        for (;;) {
          chars.push(d);
          d = cur;
          if (d === 0x2e || d === 0x45 || d === 0x65) flt = true;
          else if (!(d === 0x2b || d === 0x2d || (d >= 0x30 && d <= 0x39))) break;
          next();
        }
        value = flt ? parseFloat(chars) : parsePyInt(Uint8Array.from(chars), 10, dialect.errors);
        break;
      }
      case 0x5b:
        value = [];
        enter = true;
        break;
      case 0x7b:
        value = new PyDict();
        enter = true;
        break;
      case 0x5d:
      case 0x7d:
        if (top === undefined) throw syntaxError();
        if (stack.length === 0) {
          finished = true;
          break;
        }
        top = stack.pop()!;
        continue;
      default:
        throw syntaxError();
    }
    if (finished) break;

    if (top === undefined && topPrimitive === undefined) {
      if (!enter) {
        topPrimitive = value;
        break;
      }
      top = value as PyValue[] | PyDict;
    } else if (top !== undefined) {
      if (Array.isArray(top)) {
        top.push(value);
      } else if (!hasKey) {
        key = value;
        hasKey = true;
        if (enter) throw syntaxError();
      } else {
        top.set(key as PyValue, value);
        hasKey = false;
      }
      if (enter) {
        stack.push(top);
        top = value as PyValue[] | PyDict;
      }
    }
  }

  // success: eat trailing whitespace, then the input must be over
  while (cur !== EOF && (cur === 0x20 || (cur >= 0x09 && cur <= 0x0d))) next();
  if (cur !== EOF) throw syntaxError();
  if (topPrimitive !== undefined) return topPrimitive;
  if (top === undefined || stack.length !== 0) throw syntaxError();
  return top;
}
