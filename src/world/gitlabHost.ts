/**
 * GitLab raw files for `world.gitlab` repos (mip's `gitlab:` prefix, mip 0.3.0+).
 *
 * | Route                                                | Answer                                                  |
 * |------------------------------------------------------|---------------------------------------------------------|
 * | `https://gitlab.com/{org}/{repo}/-/raw/{ref}/{path}` | 200 `text/plain; charset=utf-8`, the file (`HEAD` = default branch) |
 * | same, unknown ref or file                            | 404 `text/html; charset=utf-8`, GitLab's "page could not be found" page |
 * | any other gitlab.com path of a declared repo         | 404 HTML                                                |
 * | an undeclared org/repo                               | not answered: the world's "unmatched" 404               |
 *
 * The namespace before `/-/` may have subgroups (`group/sub/repo`), as GitLab allows.
 */
import type { WireResponse } from '../net/wire.ts';
import { decodePath, fileAt, materializeRepos, splitRefPath } from './gitRepos.ts';
import type { GitRepo, GitRepoSpec } from './gitRepos.ts';
import { wireResponse } from './wireResponseHeader.ts';
import { worldRoute, type WorldRoute } from './worldRoute.ts';

export const GITLAB = 'https://gitlab.com/';

const TEXT: [string, string] = ['Content-Type', 'text/plain; charset=utf-8'];
const notFound = wireResponse(
  404,
  [['Content-Type', 'text/html; charset=utf-8']],
  '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>The page you\'re looking for could not be found (404)</title></head>\n' +
    '<body>\n<h1>404</h1>\n<h3>The page could not be found or you don\'t have permission to view it.</h3>\n</body>\n</html>\n',
);

function route(repos: Map<string, GitRepo>, url: URL): WireResponse | undefined {
  const path = url.pathname.slice(1);
  const marker = path.indexOf('/-/');
  const key = marker < 0 ? path.split('/').slice(0, 2).join('/') : path.slice(0, marker);
  const repo = repos.get(key);
  if (!repo) return undefined;
  const rest = marker < 0 ? '' : path.slice(marker + 3);
  if (!rest.startsWith('raw/')) return notFound;
  const split = splitRefPath(repo, rest.slice(4));
  const bytes = split && fileAt(repo, split.ref, decodePath(split.path));
  return bytes ? wireResponse(200, [TEXT], bytes) : notFound;
}

/**
 * The msw handler serving `world.gitlab`.
 *
 * @example
 * const handlers = await createGitlabHost({ 'o/r': { refs: { main: { 'x.py': 'x=1' } }, defaultBranch: 'main' } });
 */
export async function createGitlabHost(specs: Record<string, GitRepoSpec>): Promise<WorldRoute[]> {
  const repos = await materializeRepos(specs);
  if (repos.size === 0) return [];
  return [worldRoute((u) => u.startsWith(GITLAB), (_request, url) => route(repos, url))];
}
