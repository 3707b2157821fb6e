/** A value the launcher can embed in MicroPython source. */
export type PyValue = string | number | boolean | null | Uint8Array | PyValue[] | { [key: string]: PyValue };

/**
 * Render a value as a MicroPython literal (valid on v1.12+): `str` in single quotes, `bytes` as
 * `b'…'`, `None`/`True`/`False`, lists and dicts. Non-ASCII text is kept as UTF-8 (MicroPython
 * source is UTF-8); control characters are escaped so one literal stays on one line.
 *
 * @example
 * pyLiteral({ target: '/lib', mpy: false }); // "{'target': '/lib', 'mpy': False}"
 */
export function pyLiteral(value: PyValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return "float('nan')";
    if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'string') return `'${escapeText(value)}'`;
  if (value instanceof Uint8Array) {
    let out = "b'";
    for (const byte of value) {
      if (byte === 0x5c) out += '\\\\';
      else if (byte === 0x27) out += "\\'";
      else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
      else out += `\\x${byte.toString(16).padStart(2, '0')}`;
    }
    return `${out}'`;
  }
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${pyLiteral(k)}: ${pyLiteral(v)}`)
    .join(', ')}}`;
}

function escapeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}
