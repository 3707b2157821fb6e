import { describe, expect, it } from 'vitest';
import { microPythonJsonLoads } from '../../src/net/httpClientJson.ts';
import { PyErrors } from '../../src/py/errors.ts';
import { PyDict, PyFloat, pyStr, type PyValue } from '../../src/py/values.ts';
import { PyException } from '../../src/py/PyException.ts';
import { bytes } from '../installers/fakes.ts';

const old = { failOnUnterminated: false, errors: new PyErrors('detailed') };
const v126 = { failOnUnterminated: true, errors: new PyErrors('detailed') };

function loads(s: string | Uint8Array, dialect = v126): PyValue {
  return microPythonJsonLoads(typeof s === 'string' ? bytes(s) : s, dialect);
}

function error(s: string, dialect = v126): string {
  try {
    loads(s, dialect);
  } catch (e) {
    if (e instanceof PyException) return e.line;
    throw e;
  }
  return 'no error';
}

describe('MicroPython json.loads', () => {
  it('parses ordinary package JSON', () => {
    const v = loads('{"v":1,"hashes":[["a.py","1234abcd"]],"version":"1.0"}') as PyDict;
    expect(v.get('hashes', null)).toEqual([['a.py', '1234abcd']]);
    expect(pyStr(v)).toBe("{'v': 1, 'hashes': [['a.py', '1234abcd']], 'version': '1.0'}");
  });

  it('treats , and : as whitespace (accepts what CPython rejects)', () => {
    expect(loads('[1 2,,3,]')).toEqual([1, 2, 3]);
    expect((loads('{"a" 1}') as PyDict).get('a', null)).toBe(1);
  });

  it('any closer closes any container, and a dangling dict key is dropped', () => {
    expect(loads('[1}')).toEqual([1]);
    expect((loads('{"a"}') as PyDict).entries).toEqual([]);
  });

  it('rejects trailing data but not trailing whitespace', () => {
    expect(error('{} x')).toBe('ValueError: syntax error in JSON');
    expect(loads('{} \n')).toBeInstanceOf(PyDict);
  });

  it('a NUL byte ends the input', () => {
    expect(loads(Uint8Array.from([...bytes('[1]'), 0, ...bytes('garbage')]))).toEqual([1]);
  });

  it('up to v1.25 an unterminated outermost container returns what was built; v1.26 raises', () => {
    const truncated = '{"hashes": [["a.py", "12345678"]]';
    expect((loads(truncated, old) as PyDict).get('hashes', null)).toEqual([['a.py', '12345678']]);
    expect(error(truncated, v126)).toBe('ValueError: syntax error in JSON');
    expect(error('{"hashes": [["a.py", "1234', old)).toBe('ValueError: syntax error in JSON');
  });

  it('empty input and HTML are syntax errors', () => {
    expect(error('')).toBe('ValueError: syntax error in JSON');
    expect(error('<html>')).toBe('ValueError: syntax error in JSON');
  });

  it('unknown escapes stand for themselves; \\u reads four chars', () => {
    expect(loads('"a\\qb\\u00e9"')).toBe('aqbé');
  });

  it('invalid UTF-8 in a string → UnicodeError', () => {
    expect(() => loads(Uint8Array.from([0x22, 0xff, 0x22]))).toThrow('UnicodeError');
  });

  it('numbers: ints, floats and the int() error for a bad token', () => {
    expect(loads('[-5, 1.5, 2e3]')).toEqual([-5, new PyFloat(1.5), new PyFloat(2000)]);
    expect(error('[1-2]')).toBe("ValueError: invalid syntax for integer with base 10: '1-2'");
    expect(error('[1.2.3]')).toBe('ValueError: invalid syntax for number');
  });

  it('keywords', () => {
    expect(loads('[true, false, null]')).toEqual([true, false, null]);
    expect(error('[nul]')).toBe('ValueError: syntax error in JSON');
  });
});
