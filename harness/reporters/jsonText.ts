/**
 * What terminalText escapes, less the C0 controls: JSON.stringify has escaped those inside
 * strings already, and outside strings there are only the indentation's newlines, which a
 * pattern with C0 in it matched (and called back for) once per line of a large report.
 */
const UNSAFE_AFTER_STRINGIFY = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

/**
 * JSON.stringify for reports that hold any content, well-formed and safe to print. Node's
 * JSON.stringify (ES2019, "well-formed JSON.stringify") already escapes C0 controls (`\n`,
 * `\u0001`) and lone surrogates (`\ud800`); it writes DEL, C1 controls, bidi controls and
 * U+2028/U+2029 raw, which is valid JSON but drives a terminal when the report goes to stdout.
 * Those are written as `\uHHHH` too: JSON.parse gives back exactly the same strings. Outside
 * strings JSON is ASCII, so the only control characters left to keep are the indentation's
 * newlines.
 *
 * @example
 * jsonText({ name: 'a\u202eb' })      // '{"name":"a\\u202eb"}'
 * JSON.parse(jsonText('x\u009b')) // 'x\u009b'
 */
export function jsonText(value: unknown, indent?: number): string {
  // undefined (no JSON form) reads as `undefined`, as a diff of a missing value shows it.
  const text = (JSON.stringify(value, null, indent) as string | undefined) ?? String(value);
  return text.replace(UNSAFE_AFTER_STRINGIFY, (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
