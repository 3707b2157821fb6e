/** An element of a parsed document: its name, attributes (references resolved) and children. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: Array<XmlElement | string>;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9._:]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict XML 1.0 parser for the documents reporters write (no DTD): it throws, naming the
 * offset, on anything a conforming parser must reject — a code point outside `Char` (C0 other
 * than tab/LF/CR, lone surrogates, U+FFFE, U+FFFF), an unknown or malformed reference, `<` or a
 * bare `&` in an attribute, `]]>` in text, a duplicate attribute, mismatched or unclosed tags,
 * anything but whitespace, comments and PIs around the one root. Attribute values are
 * normalised as XML says (tab, CR, LF → space; references kept). Names are ASCII only.
 *
 * @example
 * parseXml('<a x="1">t&amp;u</a>') // { name: 'a', attributes: { x: '1' }, children: ['t&u'] }
 */
export function parseXml(xml: string): XmlElement {
  for (let i = 0; i < xml.length; ) {
    const code = xml.codePointAt(i)!;
    const isChar =
      code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!isChar) throw new Error(`offset ${i}: U+${code.toString(16).padStart(4, '0')} is not an XML 1.0 Char`);
    i += code > 0xffff ? 2 : 1;
  }
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`offset ${pos}: ${what} (near ${JSON.stringify(xml.slice(pos, pos + 20))})`);
  };
  const skipSpace = (): void => {
    while (pos < xml.length && ' \t\r\n'.includes(xml[pos]!)) pos++;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(xml);
    if (!m) fail('a name');
    pos += m![0].length;
    return m![0];
  };
  const reference = (): string => {
    const m = /&(?:#(\d+)|#x([0-9a-fA-F]+)|([A-Za-z_:][-A-Za-z0-9._:]*));/y;
    m.lastIndex = pos;
    const r = m.exec(xml);
    if (!r) return fail('a malformed reference');
    pos += r[0].length;
    if (r[3] !== undefined) return ENTITIES[r[3]] ?? fail(`the undeclared entity &${r[3]};`);
    const code = r[1] !== undefined ? Number(r[1]) : parseInt(r[2]!, 16);
    const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!ok) fail(`a reference to U+${code.toString(16)}, not a Char`);
    return String.fromCodePoint(code);
  };
  const misc = (): void => {
    for (;;) {
      skipSpace();
      if (xml.startsWith('<!--', pos)) {
        const end = xml.indexOf('-->', pos + 4);
        if (end < 0 || xml.slice(pos + 4, end).includes('--')) fail('a malformed comment');
        pos = end + 3;
      } else if (xml.startsWith('<?', pos) && !xml.startsWith('<?xml', pos)) {
        const end = xml.indexOf('?>', pos);
        if (end < 0) fail('an unclosed processing instruction');
        pos = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (xml[pos] !== '<') fail('"<"');
    pos++;
    const el: XmlElement = { name: name(), attributes: {}, children: [] };
    for (;;) {
      const before = pos;
      skipSpace();
      if (xml.startsWith('/>', pos)) {
        pos += 2;
        return el;
      }
      if (xml[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail('whitespace before an attribute');
      const attr = name();
      skipSpace();
      if (xml[pos] !== '=') fail('"="');
      pos++;
      skipSpace();
      const quote = xml[pos];
      if (quote !== '"' && quote !== "'") fail('a quoted attribute value');
      pos++;
      let value = '';
      while (xml[pos] !== quote) {
        if (pos >= xml.length) fail('the end of an attribute value');
        if (xml[pos] === '<') fail('"<" in an attribute value');
        if (xml[pos] === '&') value += reference();
        else {
          value += '\t\r\n'.includes(xml[pos]!) ? ' ' : xml[pos]!;
          pos++;
        }
      }
      pos++;
      if (attr in el.attributes) fail(`a second ${attr} attribute`);
      el.attributes[attr] = value;
    }
    let text = '';
    const flush = (): void => {
      if (text) el.children.push(text);
      text = '';
    };
    for (;;) {
      if (pos >= xml.length) fail(`</${el.name}>`);
      if (xml.startsWith('</', pos)) {
        pos += 2;
        if (name() !== el.name) fail(`</${el.name}>`);
        skipSpace();
        if (xml[pos] !== '>') fail('">"');
        pos++;
        flush();
        return el;
      }
      if (xml.startsWith('<![CDATA[', pos)) {
        const end = xml.indexOf(']]>', pos + 9);
        if (end < 0) fail('the end of a CDATA section');
        text += xml.slice(pos + 9, end);
        pos = end + 3;
      } else if (xml.startsWith('<!--', pos) || xml.startsWith('<?', pos)) {
        const close = xml.startsWith('<!--', pos) ? '-->' : '?>';
        const end = xml.indexOf(close, pos + 2);
        if (end < 0) fail('an unclosed comment or PI');
        pos = end + close.length;
      } else if (xml[pos] === '<') {
        flush();
        el.children.push(element());
      } else if (xml[pos] === '&') {
        text += reference();
      } else {
        if (xml.startsWith(']]>', pos)) fail('"]]>" in text');
        // A parser reads CRLF and a lone CR as LF.
        if (xml[pos] === '\r') {
          text += '\n';
          pos += xml[pos + 1] === '\n' ? 2 : 1;
        } else text += xml[pos++];
      }
    }
  };
  if (xml.startsWith('\ufeff')) pos++;
  if (xml.startsWith('<?xml', pos)) {
    const end = xml.indexOf('?>', pos);
    if (end < 0 || !/^<\?xml\s+version=(["'])1\.0\1(\s+encoding=(["'])[A-Za-z][-A-Za-z0-9._]*\3)?\s*$/.test(xml.slice(pos, end))) fail('a well-formed XML declaration');
    pos = end + 2;
  }
  misc();
  const root = element();
  misc();
  if (pos !== xml.length) fail('the end of the document');
  return root;
}

/**
 * Every element named `name`, depth first.
 *
 * @example
 * elements(parseXml(report), 'testcase').map((e) => e.attributes['name'])
 */
export function elements(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = root.name === name ? [root] : [];
  for (const child of root.children) if (typeof child !== 'string') found.push(...elements(child, name));
  return found;
}

/** The text of an element and its descendants. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
