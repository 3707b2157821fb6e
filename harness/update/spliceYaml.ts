import { Document, isMap, isPair, isScalar, parseDocument, type Pair } from 'yaml';

/**
 * Set `key: value` inside the block mapping at `path` by editing the file's text, not by
 * re-printing the whole document: every other line — comments, folded text, flow style — stays
 * byte for byte. A missing mapping is created at the end of its parent (or of the file).
 *
 * @example
 * spliceYaml('name: x\nexpect:\n  outcome: done # was\n', ['expect'], 'outcome', 'partial')
 * // 'name: x\nexpect:\n  outcome: partial\n'
 */
export function spliceYaml(text: string, path: readonly (string | number)[], key: string, value: unknown): string {
  const doc = parseDocument(text);
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (map === undefined) {
    if (path.length === 0) throw new Error('spliceYaml: the document has no top-level mapping');
    // Create the parent mapping with this one key, then splice that in one level up.
    return spliceYaml(text, path.slice(0, -1), String(path[path.length - 1]), { [key]: value });
  }
  if (!isMap(map) || map.flow) {
    // A flow mapping `{ … }` is short by nature: re-print just that node, in block style.
    const parentPath = path.slice(0, -1);
    const current = (isMap(map) ? (map.toJSON() as Record<string, unknown>) : {}) ?? {};
    return spliceYaml(text, parentPath, String(path[path.length - 1]), { ...current, [key]: value });
  }
  const pair = map.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && p.key.value === key);
  const indent = columnOf(text, map.range?.[0] ?? 0);
  const block = render(key, value, indent);
  if (pair && isScalar(pair.key) && pair.key.range) {
    const start = lineStart(text, pair.key.range[0]);
    const valueNode = pair.value as { range?: [number, number, number] } | null;
    const end = lineEnd(text, valueNode?.range ? valueNode.range[1] : pair.key.range[1]);
    return text.slice(0, start) + block + text.slice(end);
  }
  const end = map.range ? lineEnd(text, lastContentOffset(text, map.range[1])) : text.length;
  const prefix = text.slice(0, end);
  return prefix + (prefix.endsWith('\n') || prefix === '' ? '' : '\n') + block + text.slice(end);
}

function render(key: string, value: unknown, indent: number): string {
  const doc = new Document({ [key]: value });
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const pad = ' '.repeat(indent);
  return body
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => pad + l)
    .join('\n') + '\n';
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the newline that ends the line containing `offset - 1`. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(0, offset - 1));
  return nl < 0 ? text.length : nl + 1;
}

/** Back over trailing blank lines and comments that belong to whatever follows. */
function lastContentOffset(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}
