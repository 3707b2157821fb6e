/**
 * The virtual device's `requests.get(url)` (`urequests.get` on v1.20): a line-by-line model of
 * micropython-lib's released client for the device's runtime, talking to the mocked `Network`.
 * It builds the request the real code writes, then reads the response bytes the way the real
 * code reads its socket, so malformed or unusual responses fail with the same exception.
 */
import { PyException } from '../py/PyException.ts';
import type { PortName } from '../scenario/schema.ts';
import { atLeast, type Version } from '../scenario/version.ts';
import { httpModuleFor, type HttpModule } from './httpModules.ts';
import type { Network } from './Network.ts';
import type { WireRequest } from './wire.ts';

export { HangError } from './HangError.ts';
import { requestsFlavour, type RequestsFlavour } from './httpClientFlavour.ts';
import { ResponseSocket } from './httpClientSocket.ts';
import { microPythonJsonLoads } from './httpClientJson.ts';
import type { PyValue } from '../py/values.ts';
import {
  PyErrors,
  bytesRepr,
  decodePyUtf8,
  errorReportingFor,
  parsePyInt,
} from '../py/errors.ts';
import {
  containsAscii,
  isCrlf,
  pySplit,
  pyStrip,
  rstripBytes,
  splitWhitespace,
  startsWithAscii,
  startsWithAsciiIgnoreCase,
} from './httpClientBytes.ts';

/** Where and with which client version a request runs. */
export interface HttpContext {
  network: Network;
  runtime: Version;
  port: PortName;
  /** Use this HTTP module instead of the one the runtime freezes (for tests and experiments). */
  httpModule?: HttpModule;
  /**
   * Called as each request of a redirect chain opens its connection (the chain recurses, so every
   * level keeps its own until the last returns); returns the release. Throws the `MemoryError` of
   * a heap that cannot hold it (the installer layer decides what a connection costs).
   */
  openConnection?: (scheme: 'http' | 'https') => () => void;
}

/**
 * How deep a redirect chain can go before MicroPython's recursion limit stops `request()`
 * calling itself. Measured bare (`micropython -m mip install`, LD_PRELOAD shim, nothing of the
 * harness on the stack): 226 requests on unix x64 1.24.1, upstream defaults and btree off alike;
 * the limit comes from the C stack (every unix x64 build measured has the same budget). A build
 * whose TLS keeps ~40 KiB per connection runs out of heap first (see requestsHeap.ts).
 */
export const REDIRECT_RECURSION_LIMIT = 226;

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const ENCODER = new TextEncoder();

/** The readable side of `response.raw`: the socket, or master's Content-Length/chunked wrapper. */
export interface BodyReader {
  /** `raw.readinto(buf)`: bytes placed in `buf`, 0 at the end of the body. */
  readinto(buf: Uint8Array): number;
  /** `raw.read()`: the rest of the body. */
  read(): Uint8Array;
}

/** requests 1.x `BodyStream`: a body bounded by Content-Length, or chunked (`remaining < 0`). */
class BodyStream implements BodyReader {
  private readonly chunked: boolean;

  constructor(
    private readonly sock: ResponseSocket,
    private remaining: number,
    private readonly errors: PyErrors,
  ) {
    this.chunked = remaining < 0;
  }

  readinto(buf: Uint8Array): number {
    const s = this.sock;
    if (this.remaining <= 0) {
      if (this.remaining === 0) return 0;
      const sizeLine = s.readline();
      const semi = sizeLine.indexOf(0x3b);
      this.remaining = parsePyInt(semi >= 0 ? sizeLine.subarray(0, semi) : sizeLine, 16, this.errors);
      if (this.remaining === 0) {
        for (;;) {
          const l = s.readline();
          if (l.length === 0 || isCrlf(l)) return 0;
        }
      }
    }
    const view = buf.length > this.remaining ? buf.subarray(0, this.remaining) : buf;
    const got = s.readinto(view);
    if (got === 0) throw new PyException('ValueError', 'Connection closed before body complete');
    this.remaining -= got;
    if (this.remaining === 0 && this.chunked) {
      s.readline();
      this.remaining = -1;
    }
    return got;
  }

  read(): Uint8Array {
    const buf = new Uint8Array(256);
    const parts: Uint8Array[] = [];
    for (;;) {
      const got = this.readinto(buf);
      if (!got) return Buffer.concat(parts);
      parts.push(buf.slice(0, got));
    }
  }
}

/** The raw socket as `response.raw` in released versions: the body runs to EOF. */
class SocketBody implements BodyReader {
  constructor(private readonly sock: ResponseSocket) {}
  readinto(buf: Uint8Array): number {
    return this.sock.readinto(buf);
  }
  read(): Uint8Array {
    return this.sock.readAll();
  }
}

/**
 * A `requests.Response`: status, headers as the real `resp_d` dict holds them, and the body.
 *
 * @example
 * const r = await httpGet('https://micropython.org/pi/v2/package/6/x/latest.json', ctx);
 * if (r.status === 200) r.json();
 */
export class HttpResponse {
  private cached: Uint8Array | undefined;

  constructor(
    /** The URL finally answered (after redirects). */
    readonly url: string,
    readonly status: number,
    readonly reason: string,
    /** `response.headers`: name as sent → stripped value; a repeated name keeps the last value. */
    readonly headers: Map<string, string>,
    /** `response.raw`. */
    readonly raw: BodyReader,
    private readonly runtime: Version,
    private readonly errors: PyErrors,
  ) {}

  /** `response.content`: the whole body, read once. */
  get body(): Uint8Array {
    if (this.cached === undefined) this.cached = this.raw.read();
    return this.cached;
  }

  /** `response.json()`: MicroPython's `json.loads(content)`. */
  json(): PyValue {
    return microPythonJsonLoads(this.body, {
      failOnUnterminated: atLeast(this.runtime, '1.26.0'),
      errors: this.errors,
    });
  }

  /** `response.close()`: nothing to release in the model. */
  close(): void {}
}

/**
 * The OSError a failed `getaddrinfo` raises: unix `[addrinfo error -2]` (EAI_NONAME,
 * ports/unix/modsocket.c), esp32 `-202` (lwIP EAI_FAIL, ports/esp32/modsocket.c), and the
 * other lwIP ports `-2` (extmod/modlwip.c).
 *
 * @example
 * dnsFailure('unix').line // 'OSError: [addrinfo error -2]'
 */
export function dnsFailure(port: PortName): PyException {
  if (port === 'unix' || port === 'webassembly') return new PyException('OSError', '[addrinfo error -2]');
  if (port === 'esp32') return new PyException('OSError', '-202', -202);
  return new PyException('OSError', '-2', -2);
}

interface ParsedUrl {
  proto: 'http:' | 'https:';
  host: string;
  port: number;
  /** Everything after the host's `/` (the request line gets `/` + this). */
  path: string;
}

/** The URL split of `request()`, raising exactly what the real code raises. */
function parseUrl(url: string, flavour: RequestsFlavour, errors: PyErrors): ParsedUrl {
  let proto: string;
  let host: string;
  let path: string;
  const four = pySplit(url, '/', 3);
  if (four.length === 4) {
    [proto, , host, path] = four as [string, string, string, string];
  } else {
    const three = pySplit(url, '/', 2);
    if (three.length < 3) throw errors.unpackTooShort(three.length);
    [proto, , host] = three as [string, string, string];
    path = '';
  }
  let port: number;
  if (proto === 'http:') port = 80;
  else if (proto === 'https:') port = 443;
  else throw new PyException('ValueError', 'Unsupported protocol: ' + proto);

  if (flavour.queryAfterHost) {
    const q = host.indexOf('?');
    if (q >= 0) {
      path = '?' + host.slice(q + 1) + path;
      host = host.slice(0, q);
    }
    const h = host.indexOf('#');
    if (h >= 0) {
      path = '#' + host.slice(h + 1) + path;
      host = host.slice(0, h);
    }
  }
  const colon = host.indexOf(':');
  if (colon >= 0) {
    const portText = host.slice(colon + 1);
    host = host.slice(0, colon);
    port = parsePyInt(ENCODER.encode(portText), 10, errors);
  }
  return { proto, host, port, path };
}

/**
 * `requests.get(url)` with no headers, as mip calls it, on the device's runtime.
 * Throws `PyException` for what the real client raises, `HangError` when it would block.
 *
 * @example
 * const r = await httpGet('https://micropython.org/pi/v2/package/6/hello/latest.json',
 *   { network, runtime: '1.22.2', port: 'unix' });
 * r.status // 200
 */
export async function httpGet(url: string, ctx: HttpContext): Promise<HttpResponse> {
  const flavour = requestsFlavour(ctx.httpModule ?? httpModuleFor(ctx.runtime));
  const errors = new PyErrors(errorReportingFor(ctx.port));
  let hostHeader: string | undefined;
  let current = url;
  const releases: Array<() => void> = [];
  try {
    for (let depth = 0; ; depth++) {
      if (depth >= REDIRECT_RECURSION_LIMIT) {
        throw new PyException('RuntimeError', 'maximum recursion depth exceeded');
      }
      if (ctx.openConnection) releases.push(ctx.openConnection(/^https:/i.test(current) ? 'https' : 'http'));
      const step = await requestOnce(current, ctx, flavour, errors, hostHeader);
      if (step.kind === 'response') return step.response;
      current = step.location;
      // 0.10.0/0.10.1 pass the same headers dict (holding the first Host) to the next request.
      if (flavour.redirectHost === 'carried') hostHeader = step.sentHost;
    }
  } finally {
    for (const release of releases) release();
  }
}

type Step =
  | { kind: 'response'; response: HttpResponse }
  | { kind: 'redirect'; location: string; sentHost: string };

async function requestOnce(
  url: string,
  ctx: HttpContext,
  flavour: RequestsFlavour,
  errors: PyErrors,
  carriedHost: string | undefined,
): Promise<Step> {
  const { proto, host, port, path } = parseUrl(url, flavour, errors);
  if (!ctx.network.resolves(host)) throw dnsFailure(ctx.port);

  const sentHost = carriedHost ?? host;
  const headers: Array<[string, string]> =
    flavour.headerOrder === 'host-first'
      ? [['Host', sentHost], ['Connection', 'close']]
      : [['Connection', 'close'], ['Host', sentHost]];
  const scheme = proto === 'https:' ? 'https' : 'http';
  // A server picks the site by the Host header it receives, not by the address it was reached
  // at (the loopback server does the same), so requests 0.10.0's carried-over Host is routed to
  // the original site.
  const routedHost = sentHost.replace(/:\d+$/, '');
  const request: WireRequest = {
    method: 'GET',
    url: `${scheme}://${routedHost}/${path}`,
    scheme,
    host,
    port,
    path: '/' + path,
    headers,
    httpVersion: flavour.httpVersion,
  };
  const encoded = await ctx.network.exchange(request);
  const sock = new ResponseSocket(encoded, request.url);

  const statusParts = splitWhitespace(sock.readline(), 2);
  // A server that closed before a byte (or sent only a blank line) gives [] here: "…BadStatusLine:\n[]".
  if (statusParts.length < 2) {
    throw new PyException('ValueError', `HTTP error: BadStatusLine:\n[${statusParts.map(bytesRepr).join(', ')}]`);
  }
  const status = parsePyInt(statusParts[1]!, 10, errors);
  // The real reason stays bytes and is never decoded, so no UnicodeError here.
  const reason = statusParts.length > 2 ? Buffer.from(rstripBytes(statusParts[2]!)).toString('utf8') : '';

  sock.phase = 'headers';
  const respHeaders = new Map<string, string>();
  let redirect = '';
  let chunked = false;
  let remaining: number | undefined;
  const matches = flavour.caseInsensitiveHeaders ? startsWithAsciiIgnoreCase : startsWithAscii;
  const [teName, locName, clName] = flavour.caseInsensitiveHeaders
    ? ['transfer-encoding:', 'location:', 'content-length:']
    : ['Transfer-Encoding:', 'Location:', 'Content-Length:'];
  for (;;) {
    const l = sock.readline();
    if (l.length === 0 || isCrlf(l)) break;
    if (matches(l, teName)) {
      if (containsAscii(l, 'chunked')) {
        if (flavour.chunked === 'reject') throw new PyException('ValueError', 'Unsupported ' + decodePyUtf8(l));
        chunked = true;
      }
    } else if (matches(l, locName) && !(status >= 200 && status <= 299)) {
      if (!REDIRECT_STATUSES.includes(status)) {
        throw new PyException('NotImplementedError', `Redirect ${status} not yet supported`);
      }
      // l[10:-2]: assumes exactly one space after the colon and a CRLF ending.
      redirect = decodePyUtf8(l.slice(10, Math.max(10, l.length - 2)));
      if (flavour.relativeRedirects && redirect.startsWith('/')) {
        redirect = `${proto}//${host}:${port}${redirect}`;
      }
    }
    const text = decodePyUtf8(l);
    const colon = text.indexOf(':');
    if (colon < 0) throw errors.unpackTooShort(1);
    const value = pyStrip(text.slice(colon + 1));
    respHeaders.set(text.slice(0, colon), value);
    if (flavour.contentLengthBody && matches(l, clName)) {
      remaining = parsePyInt(ENCODER.encode(value), 10, errors);
    }
  }

  if (redirect) return { kind: 'redirect', location: redirect, sentHost };

  sock.phase = 'body';
  let raw: BodyReader;
  if (flavour.contentLengthBody && chunked) raw = new BodyStream(sock, -1, errors);
  else if (flavour.contentLengthBody && remaining !== undefined) raw = new BodyStream(sock, remaining, errors);
  else raw = new SocketBody(sock);
  return { kind: 'response', response: new HttpResponse(request.url, status, reason, respHeaders, raw, ctx.runtime, errors) };
}
