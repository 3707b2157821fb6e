import { jsonText } from './jsonText.ts';
import { terminalText } from './terminalText.ts';

/** Noncharacters (U+FFFE, U+FDD0…, U+1FFFF…): a parse error in HTML, so shown as escapes too. */
const NONCHARACTER = /\p{Noncharacter_Code_Point}/gu;

const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * What the HTML page shows of any string from a report: the same visible escapes as the terminal
 * (control and bidi characters, U+2028/9, lone surrogates; see terminalText), plus noncharacters.
 * A bidi override can then not reorder a package name on screen, and a NUL or a lone surrogate
 * shows as what it was instead of becoming U+FFFD. Idempotent: the escapes are printable.
 *
 * @example
 * visibleText('invoice\u202egpj.exe') // 'invoice\\u202egpj.exe'
 * visibleText('a\ufffeb')              // 'a\\ufffeb'
 */
export function visibleText(text: string): string {
  return terminalText(text).replace(NONCHARACTER, (c) => {
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Any string as HTML element content or a quoted attribute value: `visibleText`, then the five
 * markup characters as references, so no report string can open a tag or end an attribute.
 *
 * @example
 * `<td title="${htmlText(name)}">${htmlText(name)}</td>`
 * htmlText('</script><img onerror=x>') // '&lt;/script&gt;&lt;img onerror=x&gt;'
 */
export function htmlText(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => MARKUP[c]!);
}

/**
 * A value as the text of a `<script type="application/json">` data block: JSON (jsonText: no raw
 * control, bidi or lone surrogate), with `<`, `>` and `&` written as `\u003c` etc. so the text can
 * never hold `</script` or `<!--`, and U+2028/9 escaped too. JSON.parse of the element's
 * textContent gives back the value.
 *
 * @example
 * `<script type="application/json" id="data">${jsonInScript(view)}</script>`
 * jsonInScript('</script>') // '"\\u003c/script\\u003e"'
 */
export function jsonInScript(value: unknown): string {
  return jsonText(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
