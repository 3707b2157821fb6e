/**
 * The message of CPython's `json.JSONDecodeError` for a document it rejects (Lib/json/decoder.py
 * and scanner.py, strict mode): `Expecting value`, `Unterminated string starting at`, `Expecting
 * ',' delimiter`, `Expecting ':' delimiter`, `Expecting property name enclosed in double quotes`,
 * `Invalid control character at`, `Extra data`, each followed by `: line L column C (char N)`.
 * Undefined for a document CPython accepts. What host tools (mpremote, micropip) print when an
 * index answers with something that is not JSON.
 *
 * @example
 * cpythonJsonError('{"v": 1, "hashes": ['); // 'Expecting value: line 1 column 21 (char 20)'
 * cpythonJsonError('<html>');               // 'Expecting value: line 1 column 1 (char 0)'
 */
export function cpythonJsonError(text: string): string | undefined {
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  class Fail {
    constructor(
      readonly msg: string,
      readonly at: number,
    ) {}
  }
  const string = (): void => {
    const start = pos;
    pos++;
    for (;;) {
      if (pos >= text.length) throw new Fail('Unterminated string starting at', start);
      const c = text[pos]!;
      if (c === '"') {
        pos++;
        return;
      }
      if (c === '\\') {
        pos += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) throw new Fail('Invalid control character at', pos);
      pos++;
    }
  };
  const value = (): void => {
    if (pos >= text.length) throw new Fail('Expecting value', pos);
    const c = text[pos]!;
    if (c === '"') return string();
    if (c === '{') {
      pos++;
      ws();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      for (;;) {
        if (text[pos] !== '"') throw new Fail('Expecting property name enclosed in double quotes', pos);
        string();
        ws();
        if (text[pos] !== ':') throw new Fail("Expecting ':' delimiter", pos);
        pos++;
        ws();
        value();
        ws();
        if (text[pos] === '}') {
          pos++;
          return;
        }
        if (text[pos] !== ',') throw new Fail("Expecting ',' delimiter", pos);
        pos++;
        ws();
      }
    }
    if (c === '[') {
      pos++;
      ws();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[pos] === ']') {
          pos++;
          return;
        }
        if (text[pos] !== ',') throw new Fail("Expecting ',' delimiter", pos);
        pos++;
        ws();
      }
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|Infinity|-Infinity)/.exec(text.slice(pos));
    if (!m) throw new Fail('Expecting value', pos);
    pos += m[0].length;
  };
  try {
    ws();
    value();
    ws();
    if (pos < text.length) throw new Fail('Extra data', pos);
    return undefined;
  } catch (err) {
    if (!(err instanceof Fail)) throw err;
    const before = text.slice(0, err.at);
    const line = before.split('\n').length;
    const column = err.at - (before.lastIndexOf('\n') + 1) + 1;
    return `${err.msg}: line ${line} column ${column} (char ${err.at})`;
  }
}
