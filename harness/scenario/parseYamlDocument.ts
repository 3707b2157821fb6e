import { Composer, Parser, YAMLParseError, type Document } from 'yaml';
import { tooDeepInTokens } from './nestingDepth.ts';

/**
 * `parseDocument(text, { prettyErrors: false })` from the `yaml` package, in its two halves, so
 * the token tree is checked for nesting depth before the composer (which recurses once per level)
 * sees it; the text is parsed once. Like `parseDocument`, a second document in the text is an
 * error on the first.
 *
 * @example
 * parseYamlDocument('a: [[1]]\n', 100).toJS()   // { a: [[1]] }
 * parseYamlDocument('a: [[1]]\n', 2)            // { tooDeepAt: 4 }
 */
export function parseYamlDocument(text: string, maxDepth: number): Document.Parsed | { tooDeepAt: number } {
  const tokens = [...new Parser().parse(text)];
  const tooDeepAt = tooDeepInTokens(tokens, maxDepth);
  if (tooDeepAt !== undefined) return { tooDeepAt };
  let document: Document.Parsed | undefined;
  for (const next of new Composer({ prettyErrors: false }).compose(tokens, true, text.length)) {
    if (!document) {
      document = next;
      continue;
    }
    document.errors.push(
      new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
    );
    break;
  }
  // compose(…, forceDoc = true) always yields a document, an empty one for empty text.
  return document!;
}
