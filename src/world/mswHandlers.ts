/**
 * The world's routes as msw handlers: where msw serves the world (faults, methods other than
 * GET/HEAD, and `world.handlers()` for a caller's own msw setup). Loaded only then.
 */
import { RequestHandler, type ResponseResolver } from 'msw';
import type { WorldRoute } from './worldRoute.ts';
import { toFetchResponse } from './wireResponseHeader.ts';
import { originalUrl } from './requestUrl.ts';

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
 * A world route as an msw handler: the same two functions, asked through a fetch Request and
 * Response (the world answers GET and HEAD without them where it can; a test proves the bytes
 * identical for every request of every shipped scenario).
 *
 * @example
 * const handlers = routes.map(mswHandler);
 */
export function mswHandler({ owns, route }: WorldRoute): RequestHandler {
  return new PredicateHandler(
    'world route',
    (request) => owns(request.url),
    ({ request }) => {
      const wire = route(originalUrl(request), new URL(request.url));
      return wire ? toFetchResponse(wire) : undefined;
    },
  );
}
