/**
 * JSON text exactly as CPython's `json.dump` writes it with the defaults micropython-lib's
 * `tools/build.py` relies on: `ensure_ascii=True` (non-ASCII and control characters as
 * `\uXXXX`, lower-case hex), key order as inserted, and either the minified form
 * (`separators=(",", ":")`, used for package JSON) or `indent=2` (used for `index.json`,
 * where the item separator is `,` at line ends and the key separator `: `).
 * Only the value kinds build.py emits are supported: strings, integers, booleans, null,
 * arrays (tuples), plain objects and Maps (for dicts whose key order a plain object cannot keep).
 */

export interface PythonJsonOptions {
  /** `indent=N`; omitted = one line. */
  indent?: number;
  /** `separators=(item, key)`; defaults as CPython: `(', ', ': ')` on one line, `(',', ': ')` when indented. */
  separators?: [string, string];
}

const NAMED_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A string literal as `json.dumps(s)` (ensure_ascii) writes it. */
function encodeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const named = NAMED_ESCAPES[ch];
    if (named !== undefined) out += named;
    // CPython's ESCAPE_ASCII escapes everything outside ' '..'~'; UTF-16 units map 1:1 to its surrogate pairs.
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function encodeValue(value: unknown, indent: number | undefined, item: string, key: string, depth: number): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return encodeString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      throw new Error(`pythonJson: only integers are supported, got ${value}; build.py never writes floats`);
    }
    return String(value);
  }
  const open = indent === undefined ? '' : '\n' + ' '.repeat(indent * (depth + 1));
  const close = indent === undefined ? '' : '\n' + ' '.repeat(indent * depth);
  const sep = item + open;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[' + open + value.map((v) => encodeValue(v, indent, item, key, depth + 1)).join(sep) + close + ']';
  }
  if (typeof value === 'object') {
    // A Map keeps keys like "py" before "6" (a plain object would list integer-like keys first).
    const entries = value instanceof Map ? [...(value as Map<string, unknown>)] : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const parts = entries.map(([k, v]) => encodeString(k) + key + encodeValue(v, indent, item, key, depth + 1));
    return '{' + open + parts.join(sep) + close + '}';
  }
  throw new Error(`pythonJson: cannot serialise a value of type ${typeof value}`);
}

/**
 * `json.dumps(value, indent=..., separators=...)` as CPython writes it (no trailing newline).
 *
 * @example
 * pythonJsonDumps({ v: 1, hashes: [['a.mpy', '1dddc25d']] }, { separators: [',', ':'] })
 * // '{"v":1,"hashes":[["a.mpy","1dddc25d"]]}'
 * pythonJsonDumps({ a: 'é' })  // '{"a": "\\u00e9"}'
 */
export function pythonJsonDumps(value: unknown, options: PythonJsonOptions = {}): string {
  const { indent } = options;
  const [item, key] = options.separators ?? (indent === undefined ? [', ', ': '] : [',', ': ']);
  return encodeValue(value, indent, item, key, 0);
}
