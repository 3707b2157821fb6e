/**
 * The URL exactly as the client sent it. A fetch `Request` normalises its URL (`a/../b` → `b`,
 * spaces percent-encoded), but some hosts answer the raw form differently (raw.githubusercontent.com
 * redirects a path with `..`), so the world passes the original in a private request header.
 */

/** Private request header holding the client's URL before normalisation, base64 of its UTF-8. */
export const ORIGINAL_URL_HEADER = 'x-miprig-url';

/**
 * The client's URL for `request`: the private header when the world set it, else `request.url`.
 *
 * @example
 * originalUrl(new Request('https://h/a/../b', { headers: { 'x-miprig-url': btoa('https://h/a/../b') } })) // 'https://h/a/../b'
 */
export function originalUrl(request: Request): string {
  const sent = request.headers.get(ORIGINAL_URL_HEADER);
  return sent === null ? request.url : Buffer.from(sent, 'base64').toString('utf8');
}

/**
 * The lookup key of a URL: origin and path after WHATWG normalisation, without query or fragment.
 *
 * @example
 * routeKey('https://Example.org/a/./b?x=1') // 'https://example.org/a/b'
 */
export function routeKey(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return u.origin + u.pathname;
}
