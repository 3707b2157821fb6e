import { readFile } from 'node:fs/promises';
import { parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import { scenarioSpec, type ScenarioSpec } from '../../src/scenario/schema.ts';
import { ScenarioError } from './ScenarioError.ts';
import { describeIssue, formatPath, mostRelevantIssue } from './formatIssue.ts';

/** A validated scenario and where it came from. */
export interface LoadedScenario {
  file: string;
  spec: ScenarioSpec;
  /** The parsed YAML document. */
  document: Document;
  /** The file's text, kept so `--update` can edit it in place without losing comments or layout. */
  text: string;
}

/**
 * Read, parse and validate one scenario file. Throws `ScenarioError` (one line: file, field,
 * problem) for anything wrong with it.
 *
 * @example
 * const scenario = await loadScenario('scenarios/mip/index-latest.yaml');
 * scenario.spec.device.version; // '1.22.2'
 */
export async function loadScenario(file: string): Promise<LoadedScenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(file, '', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseScenario(text, file);
}

/**
 * Validate scenario text already in memory (the file name is used in messages only).
 *
 * @example
 * parseScenario('name: x\nsteps: [{ import: os }]\n', 'inline.yaml').spec.steps.length; // 1
 */
export function parseScenario(text: string, file = '<inline>'): LoadedScenario {
  const document = parseDocument(text, { prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line ?? text.slice(0, yamlError.pos[0]).split('\n').length;
    throw new ScenarioError(file, '', `not valid YAML: ${yamlError.message.split('\n')[0]}`, line);
  }
  const data: unknown = document.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError(file, '', 'expected a mapping with at least "name" and "steps"');
  }
  const result = scenarioSpec.safeParse(data);
  if (!result.success) {
    const issue = mostRelevantIssue(result.error.issues, data);
    const where = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    throw new ScenarioError(file, formatPath(issue.path) || '(top level)', describeIssue(issue, data), lineOf(text, document, where));
  }
  return { file, spec: result.data, document, text };
}

function lineOf(text: string, document: Document, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = document.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return text.slice(0, node.range[0]).split('\n').length;
    // An unknown key has no value node of its own in the schema's eyes; find the key itself.
    const parent = n > 0 ? document.getIn(path.slice(0, n - 1) as unknown[], true) : undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return text.slice(0, pair.key.range[0]).split('\n').length;
    }
  }
  return undefined;
}
