/**
 * Python values as MicroPython's `json.loads` builds them, and the few operations mip applies
 * to them (`str()`, truthiness, type names), so a malformed package.json fails the way the real
 * interpreter does.
 */
import { strRepr, type PyTypeName } from './errors.ts';

/** A JSON float: kept apart from ints because `str(1.0)` is `1.0` and its type is `float`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/**
 * A JSON object. `.get()` only ever looks up str keys, so non-str keys are kept for printing
 * and iteration but never match. Iteration is in insertion order; MicroPython iterates its
 * hash table order (a known gap, only visible when a dict is iterated as a list).
 *
 * @example
 * const d = new PyDict(); d.set('hashes', []); d.get('urls', null) // null
 */
export class PyDict {
  readonly entries: Array<[PyValue, PyValue]> = [];
  private readonly byStr = new Map<string, number>();

  set(key: PyValue, value: PyValue): void {
    if (typeof key === 'string') {
      const at = this.byStr.get(key);
      if (at !== undefined) {
        this.entries[at]![1] = value;
        return;
      }
      this.byStr.set(key, this.entries.length);
    }
    this.entries.push([key, value]);
  }

  /** `d.get(key, fallback)` for a str key. */
  get(key: string, fallback: PyValue): PyValue {
    const at = this.byStr.get(key);
    return at === undefined ? fallback : this.entries[at]![1];
  }

  keys(): PyValue[] {
    return this.entries.map((e) => e[0]);
  }
}

/** None, bool, int, float, str, list, dict. */
export type PyValue = null | boolean | number | PyFloat | string | PyValue[] | PyDict;

/**
 * `type(v).__name__`.
 *
 * @example
 * pyTypeName(new PyFloat(1)) // 'float'
 */
export function pyTypeName(v: PyValue): PyTypeName {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'string') return 'str';
  if (v instanceof PyFloat) return 'float';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

/** `bool(v)`. */
export function pyTruthy(v: PyValue): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyDict) return v.entries.length > 0;
  return true;
}

/**
 * `str(float)` with CPython's rules: shortest round-trip digits, exponent form when the
 * exponent is below -4 or at least 16 (`1e-05`, `1e+16`), `.0` on integral values. MicroPython
 * builds print through their own formatter and may differ in the last digit for some values.
 */
function floatStr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = x.toFixed(Math.max(0, mantissa.replace(/^-?\d\.?/, '').length - exp));
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** `repr(v)`. */
export function pyRepr(v: PyValue): string {
  return typeof v === 'string' ? strRepr(v) : pyStr(v);
}

/**
 * `str(v)`, as `"{}".format(v)` and `print(v)` render it.
 *
 * @example
 * pyStr([1, 'a', null]) // "[1, 'a', None]"
 */
export function pyStr(v: PyValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof PyFloat) return floatStr(v.value);
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  return '{' + v.entries.map(([k, val]) => `${pyRepr(k)}: ${pyRepr(val)}`).join(', ') + '}';
}
