import type { Expectations } from '../../src/scenario/schema.ts';
import type { Observation } from '../observation/Observation.ts';
import { formatOutcome } from '../observation/classifyOutcome.ts';
import { formatRequest } from '../checks/parseRequestLine.ts';
import { sha256Hex } from '../../src/world/sha256.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Text content when the file is short UTF-8, else its size and a sha256 prefix. */
function describeFile(bytes: Uint8Array): string | { size: number; sha256: string } {
  if (bytes.length <= 256) {
    try {
      return decoder.decode(bytes);
    } catch {
      // binary: fall through
    }
  }
  return { size: bytes.length, sha256: sha256Hex(bytes).slice(0, 16) };
}

/**
 * What a backend observed, written as expectations (the form `--update` records).
 *
 * @example
 * observedExpectations(observation, { files: { mode: 'subset', tree: {} } }).output
 */
export function observedExpectations(obs: Observation, like: Expectations, initialFiles: ReadonlySet<string>): Expectations {
  const out: Expectations = {};
  const tree: Record<string, ReturnType<typeof describeFile>> = {};
  for (const [path, bytes] of obs.files) if (!initialFiles.has(path)) tree[path] = describeFile(bytes);
  if (Object.keys(tree).length || like.files?.mode === 'exact') {
    out.files = { mode: like.files?.mode ?? 'subset', ...(like.files?.under ? { under: like.files.under } : {}), tree };
  }
  if (like.absent) out.absent = like.absent.filter((p) => !obs.files.has(p) && ![...obs.files.keys()].some((f) => f.startsWith(`${p}/`)));
  out.requests = { mode: 'exact', list: obs.requests.map(formatRequest) };
  out.output = { mode: 'exact', lines: [...obs.output] };
  const outcome = formatOutcome(obs.outcome);
  if (obs.outcome.kind === 'exception') out.outcome = { exception: obs.outcome.line };
  else if (outcome !== 'none') out.outcome = outcome as Exclude<Expectations['outcome'], undefined | { exception: string }>;
  if (obs.exitCode !== null) out.exitCode = obs.exitCode;
  if (Object.keys(obs.imports).length) out.imports = { ...obs.imports };
  if (Object.keys(obs.decompress).length) out.decompress = { ...obs.decompress };
  return out;
}
