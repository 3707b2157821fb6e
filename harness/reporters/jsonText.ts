import { replaceTerminalControls } from './terminalText.ts';

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
  return replaceTerminalControls(text, (char, code) => (char === '\n' ? char : `\\u${code.toString(16).padStart(4, '0')}`));
}
