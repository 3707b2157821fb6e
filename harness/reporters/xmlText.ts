/**
 * What XML text must not hold raw. Forbidden by XML 1.0's `Char` production: C0 controls other
 * than tab, LF and CR, lone surrogates (with the `u` flag the range matches no astral character),
 * U+FFFE and U+FFFF. Allowed but written as escapes too: DEL and the C1 controls U+0080–U+009F —
 * XML 1.0 §2.2 asks documents to avoid them, XML 1.1 only accepts them as references, and CI
 * pages and logs that show the text would pass them on to a terminal.
 */
const NOT_XML = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]/gu;

const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escape any string for XML element content: markup characters as entities (`>` always, so
 * `]]>` can never appear), CR as `&#13;` (a parser would turn it into LF), and every code point
 * of the set above as a visible escape — `\xHH` up to U+00FF, else `\uHHHH` — so the document is
 * well-formed for any content and the reader sees what was there. Tab, LF and astral characters
 * stay as they are. Reports use no CDATA.
 *
 * @example
 * xmlText('a]]>b\u0001\ufffe') // 'a]]&gt;b\\x01\\ufffe'
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, visible).replace(/[&<>"'\r]/g, (c) => MARKUP[c] ?? '&#13;');
}

/**
 * As `xmlText`, for a quoted attribute value: tab and LF are written as `&#9;` and `&#10;` too,
 * because a parser normalises them to spaces in attributes.
 *
 * @example
 * `<failure message="${xmlAttribute('line 1\nline "2"')}"/>` // message="line 1&#10;line &quot;2&quot;"
 */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/[\t\n]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function visible(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
