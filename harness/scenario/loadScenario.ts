import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isMap, isNode, isScalar, type Document } from 'yaml';
import { scenarioSpec, type ScenarioSpec } from '../../src/scenario/schema.ts';
import { ScenarioError } from './ScenarioError.ts';
import { decodeUtf8 } from './decodeUtf8.ts';
import { describeIssue, formatPath, mostRelevantIssue } from './formatIssue.ts';
import { INPUT_LIMITS } from './inputLimits.ts';
import { valueNestingProblem } from './nestingDepth.ts';
import { parseYamlDocument } from './parseYamlDocument.ts';
import { unknownFieldHint } from './unknownFieldHint.ts';
import type { SpecCache } from './specCache.ts';

/** A validated scenario and where it came from. */
export interface LoadedScenario {
  file: string;
  spec: ScenarioSpec;
  /** The file's text, kept so `--update` can edit it in place without losing comments or layout. */
  text: string;
}

/**
 * Read, parse and validate one scenario file. Throws `ScenarioError` (one line: file, field,
 * problem) for anything wrong with it. With a `cache`, a file whose path and text it holds is not
 * parsed again.
 *
 * @example
 * const scenario = await loadScenario('scenarios/mip/index-latest.yaml');
 * scenario.spec.device.version; // '1.22.2'
 */
export async function loadScenario(file: string, cache?: SpecCache): Promise<LoadedScenario> {
  const bytes = readLimited(file);
  const decoded = decodeUtf8(bytes);
  if (!('text' in decoded)) {
    const line = lineAtOffset(bytes, decoded.offset);
    const byte = decoded.byte.toString(16).padStart(2, '0');
    throw new ScenarioError(file, '', `the file is not UTF-8 text (byte 0x${byte} at offset ${decoded.offset}); save it as UTF-8`, line);
  }
  const cached = cache?.get(file, decoded.text);
  if (cached) return { file, spec: cached, text: decoded.text };
  const loaded = parseScenario(decoded.text, file);
  cache?.set(file, decoded.text, loaded.spec);
  return loaded;
}

/**
 * The file's bytes, refusing one over the size limit before reading it. The read itself stops
 * one byte past the limit too: a pipe or a /proc file reports size 0, and a file may grow.
 * Synchronous: four thread-pool round trips per file (open, stat, read, close) left the main
 * thread idle for most of loading a 1 000-scenario corpus; the sync calls on small files cost
 * microseconds.
 */
function readLimited(file: string): Uint8Array {
  const limit = INPUT_LIMITS.fileBytes;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const { size } = fstatSync(fd);
    if (size > limit) throw tooLarge(file, size);
    let buffer = new Uint8Array(size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw tooLarge(file, length);
        const bigger = new Uint8Array(Math.min(buffer.length * 2, limit + 1));
        bigger.set(buffer);
        buffer = bigger;
      }
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    throw new ScenarioError(file, '', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooLarge(file: string, size: number): ScenarioError {
  const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  return new ScenarioError(
    file,
    '',
    `the file is ${mib(size)} (${size} bytes), over the ${mib(INPUT_LIMITS.fileBytes)} limit for a scenario file; ` +
      'describe large content instead of pasting it ({repeat: …}, {random: …}, {gzip: …})',
  );
}

function lineAtOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Validate scenario text already in memory (the file name is used in messages only).
 *
 * @example
 * parseScenario('name: x\nsteps: [{ import: os }]\n', 'inline.yaml').spec.steps.length; // 1
 */
export function parseScenario(text: string, file = '<inline>'): LoadedScenario {
  // Text already in memory (the library API) meets the same limits as a file.
  const size = Buffer.byteLength(text, 'utf8');
  if (size > INPUT_LIMITS.fileBytes) throw tooLarge(file, size);
  const document = parseYamlDocument(text, INPUT_LIMITS.nestingDepth);
  if ('tooDeepAt' in document) throw new ScenarioError(file, '', TOO_DEEP, lineAt(text, document.tooDeepAt));
  const yamlError = document.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line ?? lineAt(text, yamlError.pos[0]);
    throw new ScenarioError(file, '', `not valid YAML: ${yamlError.message.split('\n')[0]}`, line);
  }
  const data = toJS(document, file);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError(file, '', 'expected a mapping with at least "name" and "steps"');
  }
  const shape = valueNestingProblem(data, INPUT_LIMITS.nestingDepth);
  if (shape) {
    const problem = shape.kind === 'cycle' ? 'an alias here refers to a mapping or list that contains it, so the value never ends; write the value out' : TOO_DEEP;
    // A path 100 levels long says less than its start and the line (where the alias is).
    const shown = formatPath(shape.path.slice(0, 6)) + (shape.path.length > 6 ? '…' : '');
    throw new ScenarioError(file, shown, problem, lineOf(text, document, shape.path));
  }
  const result = scenarioSpec.safeParse(data);
  if (!result.success) {
    const issue = mostRelevantIssue(result.error.issues, data);
    const hint = unknownFieldHint(issue, data);
    if (hint) throw new ScenarioError(file, formatPath(hint.path), hint.problem, keyLine(text, document, hint.path) ?? lineOf(text, document, hint.path));
    const where = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    // A bad key (a device path in `files`) is on the key's line, which a block value is not.
    const line = (issue.code === 'invalid_key' ? keyLine(text, document, where) : undefined) ?? lineOf(text, document, where);
    throw new ScenarioError(file, formatPath(issue.path) || '(top level)', describeIssue(issue, data), line);
  }
  return { file, spec: result.data, text };
}

const TOO_DEEP =
  `nested more than ${INPUT_LIMITS.nestingDepth} levels deep (mappings and lists inside each other); ` +
  "write a deeper body (e.g. JSON that tests a parser's recursion limit) as text";

/** The document as plain data, with alias expansion capped (an alias bomb is a bad file, not a hang). */
function toJS(document: Document, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: INPUT_LIMITS.aliasExpansions });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    const problem = /Excessive alias count/.test(err.message)
      ? `YAML aliases expand more than ${INPUT_LIMITS.aliasExpansions} times (each counted by the aliases inside it); ` +
        'an alias bomb? write the repeated part out, or describe large content ({repeat: …})'
      : `not valid YAML: ${err.message}`;
    throw new ScenarioError(file, '', problem);
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The line of the last key of `path` itself, when its parent is a mapping. */
function keyLine(text: string, document: Document, path: readonly PropertyKey[]): number | undefined {
  const parent = path.length > 0 ? document.getIn(path.slice(0, -1) as unknown[], true) : undefined;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
  return pair && isScalar(pair.key) && pair.key.range ? lineAt(text, pair.key.range[0]) : undefined;
}

function lineOf(text: string, document: Document, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = document.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lineAt(text, node.range[0]);
    // An unknown key has no value node of its own in the schema's eyes; find the key itself.
    const parent = n > 0 ? document.getIn(path.slice(0, n - 1) as unknown[], true) : undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return lineAt(text, pair.key.range[0]);
    }
  }
  return undefined;
}
