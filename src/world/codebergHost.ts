/**
 * Codeberg (Gitea/Forgejo API) raw files for `world.codeberg` repos (mip's `codeberg:` prefix,
 * mip 0.5.0, master only).
 *
 * | Route                                                                   | Answer                                           |
 * |-------------------------------------------------------------------------|--------------------------------------------------|
 * | `https://codeberg.org/api/v1/repos/{org}/{repo}/raw/{path}?ref={ref}`   | 200 `text/plain; charset=utf-8`, the file; no `ref` or `HEAD` = default branch |
 * | same, unknown ref or file                                               | 404 `application/json;charset=utf-8`, Forgejo's error object |
 * | any other `/api/v1/repos/{org}/{repo}/...` of a declared repo           | 404 JSON                                         |
 * | an undeclared org/repo                                                  | not answered: the world's "unmatched" 404        |
 */
import type { WireResponse } from '../net/wire.ts';
import { decodePath, fileAt, materializeRepos } from './gitRepos.ts';
import type { GitRepo, GitRepoSpec } from './gitRepos.ts';
import { wireResponse } from './wireResponseHeader.ts';
import { worldRoute, type WorldRoute } from './worldRoute.ts';

export const CODEBERG_API = 'https://codeberg.org/api/v1/repos/';
const API_PATH = '/api/v1/repos/';

const TEXT: [string, string] = ['Content-Type', 'text/plain; charset=utf-8'];

function notFound(url: URL): WireResponse {
  const body = JSON.stringify({ errors: [], message: 'The target couldn\'t be found.', url: `${url.origin}/api/swagger` });
  return wireResponse(404, [['Content-Type', 'application/json;charset=utf-8']], body + '\n');
}

function route(repos: Map<string, GitRepo>, url: URL): WireResponse | undefined {
  const segments = url.pathname.slice(API_PATH.length).split('/');
  const repo = repos.get(`${segments[0]}/${segments[1]}`);
  if (!repo) return undefined;
  if (segments[2] !== 'raw' || segments.length < 4) return notFound(url);
  const ref = url.searchParams.get('ref') || 'HEAD';
  const bytes = fileAt(repo, ref, decodePath(segments.slice(3).join('/')));
  return bytes ? wireResponse(200, [TEXT], bytes) : notFound(url);
}

/**
 * The msw handler serving `world.codeberg`.
 *
 * @example
 * const handlers = await createCodebergHost({ 'o/r': { defaultBranch: 'main', refs: { main: { 'x.py': 'x=1' } } } });
 */
export async function createCodebergHost(specs: Record<string, GitRepoSpec>): Promise<WorldRoute[]> {
  const repos = await materializeRepos(specs);
  if (repos.size === 0) return [];
  return [worldRoute((u) => u.startsWith(CODEBERG_API), (_request, url) => route(repos, url))];
}
