/**
 * The Python operations mip applies to values from a package.json, raising what MicroPython
 * raises when the JSON has an unexpected shape (`for a, b in x`, `s + x`, `x.get(...)`).
 */
import { PyException } from './PyException.ts';
import type { PyErrors } from './errors.ts';
import { PyDict, pyStr, pyTypeName, type PyValue } from './values.ts';

/**
 * `iter(v)` as a list: list items, a str's characters, a dict's keys; else TypeError.
 *
 * @example
 * pyIterate('ab', errors) // ['a', 'b']
 */
export function pyIterate(v: PyValue, errors: PyErrors): PyValue[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return Array.from(v);
  if (v instanceof PyDict) return v.keys();
  throw errors.notIterable(pyTypeName(v));
}

/**
 * `a, b = v`.
 *
 * @example
 * unpackPair(['x.py', 'ab12'], errors) // ['x.py', 'ab12']
 * unpackPair(['x.py'], errors)         // throws ValueError: need more than 1 values to unpack
 */
export function unpackPair(v: PyValue, errors: PyErrors): [PyValue, PyValue] {
  const items = pyIterate(v, errors);
  if (items.length < 2) throw errors.unpackTooShort(items.length);
  if (items.length > 2) throw errors.unpackTooLong(2);
  return [items[0]!, items[1]!];
}

/**
 * `s + v` for a str `s`.
 *
 * @example
 * strConcat('/lib/', 5, errors) // throws TypeError: can't convert 'int' object to str implicitly
 */
export function strConcat(s: string, v: PyValue, errors: PyErrors): string {
  if (typeof v !== 'string') throw errors.cantConvertToStr(pyTypeName(v));
  return s + v;
}

/**
 * `v.get(key, ())`, with `()` as an empty list; AttributeError unless `v` is a dict.
 *
 * @example
 * dictGet([], 'hashes', errors) // throws AttributeError: 'list' object has no attribute 'get'
 */
export function dictGet(v: PyValue, key: string, errors: PyErrors): PyValue {
  if (!(v instanceof PyDict)) throw errors.noAttribute(pyTypeName(v), 'get');
  return v.get(key, []);
}

/** `v.startswith(prefix)`; AttributeError unless `v` is a str. */
export function strStartsWith(v: PyValue, prefix: string, errors: PyErrors): boolean {
  if (typeof v !== 'string') throw errors.noAttribute(pyTypeName(v), 'startswith');
  return v.startsWith(prefix);
}

/** `v[:2]` as `str.format` then prints it. */
export function sliceFirstTwo(v: PyValue, errors: PyErrors): string {
  if (typeof v === 'string') return Array.from(v).slice(0, 2).join('');
  if (Array.isArray(v)) return pyStr(v.slice(0, 2));
  if (v instanceof PyDict) throw new PyException('KeyError', 'slice(None, 2, None)');
  throw errors.notSubscriptable(pyTypeName(v));
}
