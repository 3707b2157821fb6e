/**
 * Code points that change how a terminal shows the text around them, or that it cannot show:
 * every control character (C0 U+0000–U+001F including tab, CR and LF; DEL U+007F; C1
 * U+0080–U+009F, whose U+009B is a one-character CSI on some terminals), the bidi controls (ALM
 * U+061C, LRM/RLM U+200E–U+200F, embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069:
 * the "Trojan Source" reordering), the line and paragraph separators U+2028–U+2029 (a line break in
 * some terminals and log viewers), and lone surrogates (no UTF-8 form; Node would write U+FFFD).
 * With the `u` flag a surrogate range matches only unpaired surrogates, never an astral character.
 */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

const SHORT: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Make text from a package, a server, a binary or a scenario safe to print: each code point of
 * the set above becomes a visible escape, so the user sees what was there and nothing reaches
 * the terminal as a command. `\t` `\n` `\r` keep their short forms (a newline never starts a
 * line of the report, and a tab-vs-spaces difference shows in a diff), code points up to U+00FF
 * are `\xHH`, the rest `\uHHHH`. A backslash already in the text is left as is: ordinary output
 * (`b'\x00'` in a traceback) stays readable, and the JSON report keeps the exact value.
 *
 * @example
 * terminalText('a\u0001\u001b[2Jb.py') // 'a\\x01\\x1b[2Jb.py'
 * terminalText('invoice\u202egpj.exe') // 'invoice\\u202egpj.exe'
 * terminalText('ok 😀')               // 'ok 😀' (printable text is untouched)
 */
export function terminalText(text: string): string {
  return replaceTerminalControls(text, (char, code) => SHORT[char] ?? (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`));
}

/**
 * Replace each code point `terminalText` escapes with what `escape` returns (the JSON report
 * writes `\uHHHH`, which JSON.parse reads back as the same character).
 *
 * @example
 * replaceTerminalControls('a\u009bb', (_, code) => `<${code}>`) // 'a<155>b'
 */
export function replaceTerminalControls(text: string, escape: (char: string, codePoint: number) => string): string {
  return text.replace(UNSAFE, (char) => escape(char, char.codePointAt(0)!));
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}
