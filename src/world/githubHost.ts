/**
 * GitHub: raw file host and the github.com pages a user might paste, for `world.github` repos.
 *
 * | Route                                                         | Answer                                                          |
 * |---------------------------------------------------------------|-----------------------------------------------------------------|
 * | `https://raw.githubusercontent.com/{org}/{repo}/{ref}/{path}` | 200 `text/plain; charset=utf-8`, the file (`HEAD` = default branch; `refs/heads/` and `refs/tags/` prefixes accepted) |
 * | same, unknown ref or file                                     | 404 `text/plain; charset=utf-8`, body `404: Not Found`          |
 * | same, raw path containing a `.` or `..` segment               | 301 with a *relative* `Location: /{org}/{repo}/{normalised path}`, empty body |
 * | `https://github.com/{org}/{repo}` (optionally `/`)            | 200 `text/html; charset=utf-8`, a repository page               |
 * | `https://github.com/{org}/{repo}/blob/{ref}/{path}`           | 200 HTML page of the file, 404 HTML when absent                 |
 * | `https://github.com/{org}/{repo}/raw/{ref}/{path}`            | 302 `Location: https://raw.githubusercontent.com/{org}/{repo}/{ref}/{path}`, 404 HTML when absent |
 * | any other github.com path of a declared repo                  | 404 HTML                                                        |
 * | an undeclared org/repo                                        | not answered: the world's "unmatched" 404                       |
 *
 * Dot segments: a fetch `Request` has already collapsed `a/../b`, so the raw target is read
 * from the request's original URL (requestUrl.ts).
 */
import type { WireResponse } from '../net/wire.ts';
import { decodePath, fileAt, materializeRepos, splitRefPath } from './gitRepos.ts';
import type { GitRepo, GitRepoSpec } from './gitRepos.ts';
import { wireResponse } from './wireResponseHeader.ts';
import { worldRoute, type WorldRoute } from './worldRoute.ts';

export const GITHUB_RAW = 'https://raw.githubusercontent.com/';
export const GITHUB_WEB = 'https://github.com/';

const TEXT: [string, string] = ['Content-Type', 'text/plain; charset=utf-8'];
const HTML: [string, string] = ['Content-Type', 'text/html; charset=utf-8'];

const rawNotFound = wireResponse(404, [TEXT], '404: Not Found');

function htmlPage(title: string, text: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n<main><h1>${title}</h1><p>${text}</p></main>\n</body>\n</html>\n`;
}

const webNotFound = wireResponse(404, [HTML], htmlPage('Page not found · GitHub', 'This is not the web page you are looking for.'));

/** `org/repo` of a path `/org/repo/...`, or undefined. */
function repoOf(repos: Map<string, GitRepo>, segments: string[]): GitRepo | undefined {
  return segments.length >= 2 ? repos.get(`${segments[0]}/${segments[1]}`) : undefined;
}

function hasDotSegment(path: string): boolean {
  return path.split('/').some((s) => s === '.' || s === '..');
}

/** The path part of an absolute URL as sent (no query), without collapsing dot segments. */
function rawPath(url: string): string {
  const afterScheme = url.indexOf('//');
  const slash = url.indexOf('/', afterScheme + 2);
  if (slash < 0) return '/';
  const end = url.search(/[?#]/);
  return url.slice(slash, end < 0 ? undefined : end);
}

function rawRoute(repos: Map<string, GitRepo>, sentUrl: string, url: URL): WireResponse | undefined {
  const sent = rawPath(sentUrl);
  const sentSegments = sent.slice(1).split('/');
  const repo = repoOf(repos, sentSegments);
  if (!repo) return undefined;
  if (hasDotSegment(sent)) {
    // raw.githubusercontent.com normalises and answers with a path-only Location.
    return wireResponse(301, [TEXT, ['Location', new URL(sent, GITHUB_RAW).pathname]]);
  }
  let rest = url.pathname.slice(1).split('/').slice(2).join('/');
  rest = rest.replace(/^refs\/(heads|tags)\//, '');
  const split = splitRefPath(repo, rest);
  const bytes = split && fileAt(repo, split.ref, decodePath(split.path));
  return bytes ? wireResponse(200, [TEXT], bytes) : rawNotFound;
}

function webRoute(repos: Map<string, GitRepo>, _sentUrl: string, url: URL): WireResponse | undefined {
  const segments = url.pathname.slice(1).split('/');
  const repo = repoOf(repos, segments);
  if (!repo) return undefined;
  const [org, name, kind] = segments;
  if (segments.length === 2 || (segments.length === 3 && kind === '')) {
    return wireResponse(200, [HTML], htmlPage(`${org}/${name}`, `Default branch: ${repo.defaultBranch}`));
  }
  if (kind !== 'blob' && kind !== 'raw') return webNotFound;
  const split = splitRefPath(repo, segments.slice(3).join('/'));
  const path = split && decodePath(split.path);
  if (!split || path === undefined || !fileAt(repo, split.ref, path)) return webNotFound;
  if (kind === 'blob') return wireResponse(200, [HTML], htmlPage(`${org}/${name}/${path} at ${split.ref}`, 'File view.'));
  const location = `${GITHUB_RAW}${org}/${name}/${split.ref}/${segments.slice(3).join('/').slice(split.ref.length + 1)}`;
  return wireResponse(302, [HTML, ['Location', location]]);
}

/**
 * The msw handlers serving `world.github`.
 *
 * @example
 * const handlers = await createGithubHost({ 'o/r': { defaultBranch: 'main', refs: { main: { 'package.json': '{}' } } } });
 */
export async function createGithubHost(specs: Record<string, GitRepoSpec>): Promise<WorldRoute[]> {
  const repos = await materializeRepos(specs);
  if (repos.size === 0) return [];
  return [
    worldRoute((u) => u.startsWith(GITHUB_RAW), (sentUrl, url) => rawRoute(repos, sentUrl, url)),
    worldRoute((u) => u.startsWith(GITHUB_WEB), (sentUrl, url) => webRoute(repos, sentUrl, url)),
  ];
}
