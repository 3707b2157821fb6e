import { describe, expect, it } from 'vitest';
import { parseMicroPythonInt, quoteBytesAsMicroPython } from '../../src/py/int.ts';

const b = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe("MicroPython int(bytes, 8) (py/parsenum.c)", () => {
  it('accepts surrounding whitespace, a 0o prefix, underscores', () => {
    expect(parseMicroPythonInt(b('00000000003 '), 8)).toBe(3);
    expect(parseMicroPythonInt(b('  17\n'), 8)).toBe(15);
    expect(parseMicroPythonInt(b('0o17'), 8)).toBe(15);
    expect(parseMicroPythonInt(b('1_0'), 8)).toBe(8);
    expect(parseMicroPythonInt(b('-7'), 8)).toBe(-7);
  });

  it('rejects a NUL terminator with the message of micropython#3339', () => {
    expect(() => parseMicroPythonInt(b('00000001155\0'), 8)).toThrow(
      "ValueError: invalid syntax for integer with base 8: '00000001155\\x00'",
    );
  });

  it('formats the error per MICROPY_ERROR_REPORTING', () => {
    expect(() => parseMicroPythonInt(b('9'), 8, 'normal')).toThrow(/^ValueError: invalid syntax for integer with base 8$/);
    expect(() => parseMicroPythonInt(b(''), 8, 'terse')).toThrow(/^ValueError: invalid syntax for integer$/);
  });

  it('quotes like mp_str_print_quoted for bytes', () => {
    expect(quoteBytesAsMicroPython(b("a'b"))).toBe(`"a'b"`);
    expect(quoteBytesAsMicroPython(b('\t\u00ff\\'))).toBe("'\\t\\xff\\\\'");
  });
});
