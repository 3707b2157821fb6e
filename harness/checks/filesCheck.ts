import type { Expectations } from '../../src/scenario/schema.ts';
import type { CheckResult } from './CheckResult.ts';
import { sha256Hex } from '../../src/world/sha256.ts';

type FilesExpectation = NonNullable<Expectations['files']>;
type FileExpectation = FilesExpectation['tree'][string];

const decoder = new TextDecoder();

/** Describe a file the way expectations are written, so a diff reads naturally. */
function describeFile(bytes: Uint8Array, like: FileExpectation): unknown {
  if (like === true) return true;
  if (typeof like === 'string') return decoder.decode(bytes);
  return {
    ...(like.content !== undefined ? { content: decoder.decode(bytes) } : {}),
    ...(like.sha256 !== undefined ? { sha256: sha256Hex(bytes).slice(0, like.sha256.length) } : {}),
    ...(like.size !== undefined ? { size: bytes.length } : {}),
  };
}

function fileMatches(bytes: Uint8Array, like: FileExpectation): boolean {
  if (like === true) return true;
  if (typeof like === 'string') return decoder.decode(bytes) === like;
  if (like.content !== undefined && decoder.decode(bytes) !== like.content) return false;
  if (like.sha256 !== undefined && !sha256Hex(bytes).startsWith(like.sha256)) return false;
  if (like.size !== undefined && bytes.length !== like.size) return false;
  return true;
}

const under = (dir: string | undefined, path: string): boolean =>
  dir === undefined || path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/**
 * The device's files against `expect.files`: every listed file present and matching; with
 * `mode: exact`, no other file (below `under`, when given).
 */
export function filesCheck(expected: FilesExpectation, files: Map<string, Uint8Array>): CheckResult {
  let pass = true;
  const actual: Record<string, unknown> = {};
  for (const [path, like] of Object.entries(expected.tree)) {
    const bytes = files.get(path);
    if (!bytes) {
      pass = false;
      actual[path] = '(missing)';
      continue;
    }
    if (!fileMatches(bytes, like)) pass = false;
    actual[path] = describeFile(bytes, like);
  }
  if (expected.mode === 'exact') {
    for (const [path, bytes] of files) {
      if (path in expected.tree || !under(expected.under, path)) continue;
      pass = false;
      actual[path] = { unexpected: true, size: bytes.length };
    }
  }
  return { name: 'files', pass, expected: expected.tree, actual };
}

/** Paths that must not exist (neither as file nor as a directory prefix of one). */
export function absentCheck(paths: readonly string[], files: Map<string, Uint8Array>): CheckResult {
  const present = paths.filter((p) => files.has(p) || [...files.keys()].some((f) => f.startsWith(`${p}/`)));
  return { name: 'absent', pass: present.length === 0, expected: paths, actual: present.length ? { present } : paths };
}
