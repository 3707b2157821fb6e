/**
 * Git repositories of the world (`world.github`, `world.gitlab`, `world.codeberg`): files per
 * ref, materialised once, and the ref/path lookups the raw-file hosts share.
 */
import type { z } from 'zod';
import type { gitRepoSpec } from '../scenario/schema.ts';
import { materialize } from '../content/materialize.ts';

export type GitRepoSpec = z.output<typeof gitRepoSpec>;

/** One repository: its default branch and, per ref, path → bytes. */
export interface GitRepo {
  readonly key: string;
  readonly defaultBranch: string;
  readonly refs: Map<string, Map<string, Uint8Array>>;
  /** Declared refs, longest first, for splitting `{ref}/{path}` when a ref contains `/`. */
  readonly refsLongestFirst: string[];
}

/**
 * Materialise every repository of one host, keyed `org/repo`.
 *
 * @example
 * const repos = await materializeRepos({ 'o/r': { defaultBranch: 'main', refs: { main: { 'x.py': 'x=1' } } } });
 * fileAt(repos.get('o/r')!, 'HEAD', 'x.py') // bytes of "x=1"
 */
export async function materializeRepos(specs: Record<string, GitRepoSpec>): Promise<Map<string, GitRepo>> {
  const repos = new Map<string, GitRepo>();
  for (const [key, spec] of Object.entries(specs)) {
    if (!/^[^/]+\/[^/]/.test(key)) {
      throw new Error(`git repository key "${key}" is not "org/repo"; write it as e.g. "micropython/micropython-lib"`);
    }
    const refs = new Map<string, Map<string, Uint8Array>>();
    for (const [ref, files] of Object.entries(spec.refs)) {
      const entries = await Promise.all(
        Object.entries(files).map(async ([path, content]) => [path.replace(/^\/+/, ''), await materialize(content)] as const),
      );
      refs.set(ref, new Map(entries));
    }
    const refsLongestFirst = [...refs.keys()].sort((a, b) => b.length - a.length);
    repos.set(key, { key, defaultBranch: spec.defaultBranch, refs, refsLongestFirst });
  }
  return repos;
}

/** `HEAD` means the default branch, as every git host resolves it. */
export function resolveRef(repo: GitRepo, ref: string): string {
  return ref === 'HEAD' ? repo.defaultBranch : ref;
}

/**
 * The bytes of `path` at `ref` (`HEAD` = default branch), or undefined.
 *
 * @example
 * fileAt(repo, 'v1.0', 'pkg/__init__.py')
 */
export function fileAt(repo: GitRepo, ref: string, path: string): Uint8Array | undefined {
  return repo.refs.get(resolveRef(repo, ref))?.get(path);
}

/**
 * Split `{ref}/{path}` (a ref may itself contain `/`) into the declared ref and the path.
 * `HEAD/...` splits at the first `/`. Undefined when no declared ref (nor HEAD) prefixes it.
 *
 * @example
 * splitRefPath(repo, 'feature/x/lib/a.py') // { ref: 'feature/x', path: 'lib/a.py' } when feature/x is declared
 */
export function splitRefPath(repo: GitRepo, refAndPath: string): { ref: string; path: string } | undefined {
  if (refAndPath.startsWith('HEAD/')) return { ref: 'HEAD', path: refAndPath.slice(5) };
  for (const ref of repo.refsLongestFirst) {
    if (refAndPath.startsWith(ref + '/')) return { ref, path: refAndPath.slice(ref.length + 1) };
  }
  return undefined;
}

/**
 * `decodeURIComponent` that leaves a malformed escape as it is (a client may send a bare `%`).
 *
 * @example
 * decodePath('my%20file.py') // 'my file.py'
 */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
