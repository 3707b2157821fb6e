/**
 * The one route shape every host of the world uses: a cheap string test on the URL decides
 * whether the host owns the request, then a precomputed route table answers it. A route that
 * returns `undefined` lets the request fall through to the next host (and, when none answers, to
 * the world's "not declared" 404). Plain data and functions: the world answers from these
 * directly, and turns them into msw handlers (mswHandlers.ts) only where msw is needed.
 */
import type { WireResponse } from '../net/wire.ts';

/**
 * Answers one request of a host, or `undefined` when the host does not know it: `sentUrl` is the
 * URL exactly as the client sent it, `url` its WHATWG-normalised form (what a fetch `Request` has).
 */
export type Route = (sentUrl: string, url: URL) => WireResponse | undefined;

/** A host's routes: which URLs it owns, and how it answers them. */
export interface WorldRoute {
  readonly owns: (url: string) => boolean;
  readonly route: Route;
}

/**
 * A host's route for every method whose URL passes `owns`, answered by `route`.
 *
 * @example
 * worldRoute((u) => u.startsWith('https://example.org/'), () => wireResponse(200, [], 'hi'))
 */
export function worldRoute(owns: (url: string) => boolean, route: Route): WorldRoute {
  return { owns, route };
}

/**
 * True when `url` is `base` itself or lies below it (`base/...`, `base?...`).
 *
 * @example
 * isUnder('https://h/pi/v2/index.json', 'https://h/pi/v2') // true
 * isUnder('https://h/pi/v20', 'https://h/pi/v2')           // false
 */
export function isUnder(url: string, base: string): boolean {
  if (!url.startsWith(base)) return false;
  const next = url.charAt(base.length);
  return next === '' || next === '/' || next === '?' || next === '#';
}
