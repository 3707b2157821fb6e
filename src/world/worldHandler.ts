/**
 * The one msw handler shape every host of the world uses: a cheap string test on the URL
 * decides whether the host owns the request, then a precomputed route table answers it.
 * A route that returns `undefined` lets the request fall through to the next handler (and,
 * when none answers, to the world's "unmatched" 404).
 */
import { http } from 'msw';
import type { RequestHandler } from 'msw';
import type { WireResponse } from '../net/wire.ts';
import { toFetchResponse } from './wireResponseHeader.ts';

/** Answers one request of a host, or `undefined` when the host does not know it. */
export type Route = (request: Request, url: URL) => WireResponse | undefined;

/**
 * An msw handler for every method whose URL passes `owns`, answered by `route`.
 *
 * @example
 * worldHandler((u) => u.startsWith('https://example.org/'), () => wireResponse(200, [], 'hi'))
 */
export function worldHandler(owns: (url: string) => boolean, route: Route): RequestHandler {
  return http.all(
    ({ request }) => owns(request.url),
    ({ request }) => {
      const wire = route(request, new URL(request.url));
      return wire ? toFetchResponse(wire) : undefined;
    },
  );
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
