/**
 * The one msw handler shape every host of the world uses: a cheap string test on the URL
 * decides whether the host owns the request, then a precomputed route table answers it.
 * A route that returns `undefined` lets the request fall through to the next handler (and,
 * when none answers, to the world's "unmatched" 404).
 */
import { RequestHandler, type ResponseResolver } from 'msw';
import type { WireResponse } from '../net/wire.ts';
import { toFetchResponse } from './wireResponseHeader.ts';
import { originalUrl } from './requestUrl.ts';

/**
 * Answers one request of a host, or `undefined` when the host does not know it: `sentUrl` is the
 * URL exactly as the client sent it, `url` its WHATWG-normalised form (what a fetch `Request` has).
 */
export type Route = (sentUrl: string, url: URL) => WireResponse | undefined;

/**
 * An msw request handler that decides by a function of the request alone. `http.all(predicate)`
 * would do the same, but its `parse` also reads cookies through a cookie jar and parses the URL
 * for path parameters on every request and every handler tried — about a third of the cost of an
 * exchange on a loopback run, where the binary waits for each answer. The world uses neither.
 *
 * @example
 * new PredicateHandler('GET example.org', (req) => req.url.startsWith('https://example.org/'), () => new Response('hi'));
 */
export class PredicateHandler extends RequestHandler {
  constructor(
    header: string,
    private readonly matches: (request: Request) => boolean,
    resolver: ResponseResolver,
  ) {
    super({ info: { header }, resolver });
  }

  predicate({ request }: { request: Request }): boolean {
    return this.matches(request);
  }

  log(): void {}
}

/**
 * A world route as an msw handler, keeping its two functions in view: the loopback path of the
 * unix backend may ask them directly (createWorld's `direct` option), without a fetch Request and
 * Response per request; a test proves the bytes identical for every shipped scenario.
 */
export class WorldRouteHandler extends PredicateHandler {
  constructor(
    readonly owns: (url: string) => boolean,
    readonly route: Route,
  ) {
    super(
      'world route',
      (request) => owns(request.url),
      ({ request }) => {
        const wire = route(originalUrl(request), new URL(request.url));
        return wire ? toFetchResponse(wire) : undefined;
      },
    );
  }
}

/**
 * An msw handler for every method whose URL passes `owns`, answered by `route`.
 *
 * @example
 * worldHandler((u) => u.startsWith('https://example.org/'), () => wireResponse(200, [], 'hi'))
 */
export function worldHandler(owns: (url: string) => boolean, route: Route): RequestHandler {
  return new WorldRouteHandler(owns, route);
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
