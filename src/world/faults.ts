/**
 * Faults: `world.faults` entries that pre-empt the normal route of matching requests.
 *
 * Selectors (`on`): `url` = the exact URL (as sent, or after normalisation); `match` = a
 * regular expression tested on the URL as sent; `indexFile: {package, path}` = the `/file/..`
 * URLs of that file (source or `.mpy` path) in the package's latest version, in every tree.
 * The first fault (in declaration order) that matches and still has `times` left applies; all
 * of its fields combine. Each application uses one of its `times` (no `times` = every request).
 *
 * What a fault changes, starting from the response the world would otherwise give (an empty
 * 200 when nothing else answers the URL):
 * - `status`: the status code (and its standard reason phrase); body and headers kept.
 * - `body`: the body replaced.
 * - `invalidJson`: 200 `application/json` with a JSON text cut in half (the normal body when it
 *   is JSON, else `{"v":1,"hashes":[`): `ValueError: syntax error in JSON` on a device.
 * - `htmlPage`: 200 `text/html; charset=utf-8`, a captive-portal style HTML page.
 * - `redirect`: `{status}` with one header line `{headerName}: {location}` and an empty body.
 * - `headers`: header lines added to the response (after those of status, redirect, …), each
 *   replacing the lines of its name the response had; a list is sent byte for byte
 *   (`Location:https://…`), so any fault can carry any header.
 * - `chunked`: `Transfer-Encoding: chunked` framing.
 * - `contentLength`: a wrong `Content-Length` value, or `'omit'` to send none (close framing).
 * - `truncateAt`: close the connection after that many body bytes (headers are complete).
 * - `neverClose`: write everything, then keep the connection open.
 * - `closeWithoutResponse`: read the request, then close the connection without writing a byte
 *   (every field that shapes a response is moot). Logged with status 0, `noResponse: 'closed'`.
 * - `dnsFailure`: the URL's host does not resolve (`Network.resolves` is false; no request is
 *   made or recorded). For `match`, a host fails when the regex matches `https://{host}/` or
 *   `http://{host}/`. `times` counts failed look-ups. Other fields of such an entry are ignored.
 *
 * ## The `x-miprig-wire` response header
 *
 * A fetch `Response` cannot carry everything a fault needs on the wire, so every response the
 * world's handlers build has a private header `x-miprig-wire` whose value is JSON (non-ASCII
 * escaped as `\uXXXX`):
 *
 *     {
 *       "status": 101,                  // the real status when a Response cannot hold it (1xx)
 *       "reason": "OK",                 // the reason phrase of the status line
 *       "headers": [["Content-Type", "application/json"], ["location", "/x"]],
 *                                       // header lines in wire order and case
 *       "framing": "length",            // "length" | "chunked" | "close" (no Content-Length)
 *       "contentLengthOverride": 10,    // a wrong Content-Length value to send
 *       "truncateAt": 100,              // close after this many body bytes
 *       "neverClose": true,             // keep the connection open after the body
 *       "noResponse": "closed"          // send nothing; "closed" (FIN) or "reset" (RST)
 *     }
 *
 * A header line is `[name, value]`, or `[name, value, separator]` for a line declared verbatim
 * (`["Location", "https://…", ":"]`): see `HeaderLine` in src/net/wire.ts.
 *
 * All fields are optional. `toWireResponse` (wireResponseHeader.ts) turns a Response plus this
 * header into a `WireResponse`, and `encodeResponse` writes it; the header itself never reaches
 * the wire. Used by `World.exchange` and by the loopback server alike.
 */
import type { RequestHandler } from 'msw';
import type { FaultSpec } from '../scenario/schema.ts';
import type { HeaderLine, WireResponse } from '../net/wire.ts';
import { headerLines, withHeaders } from './headerLines.ts';
import { materialize } from '../content/materialize.ts';
import { reasonPhrase } from './reasonPhrase.ts';
import { originalUrl } from './requestUrl.ts';
import { toFetchResponse, toWireResponse, wireResponse } from './wireResponseHeader.ts';

/**
 * The faults of a world: their answer to a GET or HEAD, asked directly; the same as an msw
 * handler to put before every route (other methods, a caller's own msw set-up); and the DNS view.
 * Both forms share one `times` count per fault.
 */
export interface Faults {
  /**
   * The response of the first fault that matches (using one of its `times`), starting from
   * `normal()`, the world's own answer (an empty 200 when it has none); undefined when none does.
   */
  answer(sentUrl: string, url: URL, normal: () => WireResponse | undefined): WireResponse | undefined;
  /** The HTTP faults as one msw handler (made, and msw loaded, on first call); undefined when none is declared. */
  handler(): Promise<RequestHandler | undefined>;
  /** False when a `dnsFailure` fault (with `times` left) covers `host`. */
  resolves(host: string): boolean;
}

/** What `createFaults` needs from the rest of the world. */
export interface FaultContext {
  /** The world's routes as msw handlers (without the fault handler): the response a fault starts from. */
  routes(): Promise<RequestHandler[]>;
  /** `/file/..` URLs of an index package file, for `on.indexFile`. */
  indexFileUrls(pkg: string, path: string): string[];
}

interface CompiledFault {
  spec: FaultSpec;
  remaining: number;
  matches(sent: string, normalised: string): boolean;
  failsHost(host: string): boolean;
  body: Uint8Array | undefined;
  headers: HeaderLine[] | undefined;
}

const CAPTIVE_PORTAL =
  '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>Sign in to the network</title></head>\n' +
  '<body>\n<h1>Welcome</h1>\n<p>Please accept the terms of use to continue.</p>\n</body>\n</html>\n';

const EMPTY_OK = wireResponse(200, []);

function normalise(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

async function compile(spec: FaultSpec, position: number, ctx: FaultContext): Promise<CompiledFault> {
  const on = spec.on;
  let matches: CompiledFault['matches'];
  let failsHost: CompiledFault['failsHost'];
  if ('url' in on) {
    const exact = normalise(on.url);
    const host = hostOf(on.url);
    matches = (sent, normalised) => sent === on.url || normalised === exact;
    failsHost = (h) => h === host;
  } else if ('match' in on) {
    let re: RegExp;
    try {
      re = new RegExp(on.match);
    } catch (error) {
      throw new Error(`world.faults[${position}].on.match is not a valid regular expression (${String(error)}): ${on.match}`);
    }
    matches = (sent) => re.test(sent);
    failsHost = (h) => re.test(`https://${h}/`) || re.test(`http://${h}/`);
  } else {
    const urls = new Set(ctx.indexFileUrls(on.indexFile.package, on.indexFile.path).map(normalise));
    const hosts = new Set([...urls].map(hostOf));
    matches = (sent, normalised) => urls.has(normalised) || urls.has(sent);
    failsHost = (h) => hosts.has(h);
  }
  return {
    spec,
    remaining: spec.times ?? Number.POSITIVE_INFINITY,
    matches,
    failsHost,
    body: spec.body === undefined ? undefined : await materialize(spec.body),
    headers: spec.headers === undefined ? undefined : headerLines(spec.headers),
  };
}

function looksLikeJson(body: Uint8Array): boolean {
  return body.length > 1 && (body[0] === 0x7b || body[0] === 0x5b); // '{' or '['
}

/** The response of `fault` applied to `base` (never mutates `base`: it may be a shared route). */
function applyFault(fault: CompiledFault, base: WireResponse): WireResponse {
  const spec = fault.spec;
  let wire: WireResponse = { ...base, headers: [...base.headers] };
  if (spec.status !== undefined) wire = { ...wire, status: spec.status, reason: reasonPhrase(spec.status) };
  if (fault.body !== undefined) wire.body = fault.body;
  if (spec.invalidJson) {
    const json = looksLikeJson(wire.body) ? wire.body : new TextEncoder().encode('{"v":1,"hashes":[');
    wire = wireResponse(200, [['Content-Type', 'application/json']], json.subarray(0, Math.max(1, Math.floor(json.length / 2))));
  }
  if (spec.htmlPage) wire = wireResponse(200, [['Content-Type', 'text/html; charset=utf-8']], CAPTIVE_PORTAL);
  if (spec.redirect) {
    const r = spec.redirect;
    wire = wireResponse(r.status, [['Content-Type', 'text/html'], [r.headerName, r.location]]);
  }
  if (fault.headers) wire.headers = withHeaders(wire.headers, fault.headers);
  if (spec.chunked) wire.framing = 'chunked';
  if (spec.contentLength === 'omit') wire.framing = 'close';
  else if (spec.contentLength !== undefined) wire.contentLengthOverride = spec.contentLength;
  if (spec.truncateAt !== undefined) wire.truncateAt = spec.truncateAt;
  if (spec.neverClose) wire.neverClose = true;
  if (spec.closeWithoutResponse) wire.noResponse = 'closed';
  return wire;
}

/**
 * Compile `world.faults`.
 *
 * @example
 * const faults = await createFaults([{ on: { url: 'https://h/x.py' }, status: 500, times: 1 }], { routes, indexFileUrls });
 * faults.answer(url, new URL(url), () => routeAnswer) // the 500, once; then undefined
 */
export async function createFaults(specs: FaultSpec[], ctx: FaultContext): Promise<Faults> {
  const compiled = await Promise.all(specs.map((s, i) => compile(s, i, ctx)));
  const dns = compiled.filter((f) => f.spec.dnsFailure);
  const httpFaults = compiled.filter((f) => !f.spec.dnsFailure);

  const pick = (sent: string, normalised: string): CompiledFault | undefined => httpFaults.find((f) => f.remaining > 0 && f.matches(sent, normalised));
  /** `fault` applied (one of its `times` used) to the world's own answer, or an empty 200. */
  const apply = (fault: CompiledFault, normal: WireResponse | undefined): WireResponse => {
    fault.remaining--;
    return applyFault(fault, normal ?? EMPTY_OK);
  };

  let handler: Promise<RequestHandler> | undefined;
  const mswHandler = async (): Promise<RequestHandler> => {
    const [{ getResponse }, { PredicateHandler }] = await Promise.all([import('msw'), import('./mswHandlers.ts')]);
    return new PredicateHandler(
      'world faults',
      (request) => pick(originalUrl(request), request.url) !== undefined,
      async ({ request }) => {
        const fault = pick(originalUrl(request), request.url);
        if (!fault) return undefined;
        const normal = await getResponse(await ctx.routes(), request);
        return toFetchResponse(apply(fault, normal ? await toWireResponse(normal) : undefined));
      },
    );
  };

  return {
    answer(sentUrl, url, normal) {
      const fault = pick(sentUrl, url.href);
      return fault ? apply(fault, normal()) : undefined;
    },
    handler() {
      if (httpFaults.length === 0) return Promise.resolve(undefined);
      return (handler ??= mswHandler());
    },
    resolves(host) {
      const h = host.toLowerCase();
      const fault = dns.find((f) => f.remaining > 0 && f.failsHost(h));
      if (!fault) return true;
      fault.remaining--;
      return false;
    },
  };
}
