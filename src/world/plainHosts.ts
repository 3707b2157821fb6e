/**
 * Plain web servers: `world.http` maps an absolute URL to a body or to a full response.
 *
 * | Route                        | Answer                                                                        |
 * |------------------------------|-------------------------------------------------------------------------------|
 * | each declared URL, exactly (query included) | the declared status (200 by default), a Content-Type from the extension unless the headers name one, then the declared headers in order (a list of lines is sent byte for byte), the body (empty by default) |
 * | any other URL, same host     | not answered: the world's "unmatched" 404 (a plain host owns only what is declared) |
 *
 * Plain routes are tried before every other host, so a scenario can override one index or
 * git URL with a hand-written answer.
 */
import type { z } from 'zod';
import type { plainRoute } from '../scenario/schema.ts';
import type { HeaderLine, WireResponse } from '../net/wire.ts';
import { contentTypeFor } from './contentType.ts';
import { headerLines } from './headerLines.ts';
import { materialize } from '../content/materialize.ts';
import { wireResponse } from './wireResponseHeader.ts';
import { worldRoute, type WorldRoute } from './worldRoute.ts';

export type PlainRouteSpec = z.output<typeof plainRoute>;

/** The `{ body, status, headers }` form of a route. */
type FullRoute = Extract<PlainRouteSpec, { status: number }>;

function isFullRoute(route: PlainRouteSpec): route is FullRoute {
  return typeof route === 'object' && ('status' in route || 'headers' in route || 'body' in route);
}

/** The lookup key of a plain route: the normalised URL with its query, without fragment. */
export function plainKey(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return u.origin + u.pathname + u.search;
}

/**
 * The response declared for one plain route.
 *
 * @example
 * await plainResponse('https://h/x.json', { status: 500, headers: {} }) // 500, empty body
 * await plainResponse('https://h/old', { status: 302, headers: ['Location:https://h/new'] }) // that line verbatim
 */
export async function plainResponse(url: string, route: PlainRouteSpec): Promise<WireResponse> {
  const full: FullRoute = isFullRoute(route) ? route : { body: route, status: 200, headers: {} };
  const body = full.body === undefined ? new Uint8Array() : await materialize(full.body);
  const declared = headerLines(full.headers);
  const headers: HeaderLine[] = declared.some(([n]) => n.toLowerCase() === 'content-type')
    ? declared
    : [['Content-Type', contentTypeFor(url)], ...declared];
  return wireResponse(full.status, headers, body);
}

/**
 * The msw handler serving `world.http`.
 *
 * @example
 * const [handler] = await createPlainHosts({ 'https://example.org/x.py': 'x = 1' });
 */
export async function createPlainHosts(routes: Record<string, PlainRouteSpec>): Promise<WorldRoute[]> {
  const table = new Map<string, WireResponse>();
  for (const [url, route] of Object.entries(routes)) {
    let key: string;
    try {
      key = plainKey(url);
    } catch {
      throw new Error(`world.http key "${url}" is not an absolute URL; write it as e.g. "https://example.org/pkg/package.json"`);
    }
    table.set(key, await plainResponse(url, route));
  }
  if (table.size === 0) return [];
  const origins = new Set([...table.keys()].map((k) => new URL(k).origin + '/'));
  return [
    worldRoute(
      (u) => {
        for (const o of origins) if (u.startsWith(o)) return true;
        return false;
      },
      (_request, url) => table.get(plainKey(url)),
    ),
  ];
}
