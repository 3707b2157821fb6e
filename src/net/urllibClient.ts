/**
 * CPython's `urllib.request.urlopen(url).read()` as a host tool (mpremote mip) meets the world:
 * HTTP/1.1 through `http.client`, redirects followed by `HTTPRedirectHandler` (301, 302, 303, 307,
 * 308 — 308 from Python 3.11; at most 10, and no URL more than 4 times), chunked bodies decoded,
 * `Content-Length` honoured, any final status other than 2xx raised as `HTTPError`. What urlopen
 * wraps in `URLError` (a name that does not resolve, a refused connect) and what it lets through
 * (`http.client.RemoteDisconnected`, `IncompleteRead`, `ConnectionResetError`) follow
 * `urllib/request.py` and `http/client.py` of CPython 3.11.
 */
import { PyException } from '../py/PyException.ts';
import { compareVersions } from '../scenario/version.ts';
import { HangError } from './HangError.ts';
import type { Network } from './Network.ts';
import type { EncodedResponse, WireRequest } from './wire.ts';

/** `urllib.error.HTTPError`: a response whose final status is not 2xx. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP Error ${status}`);
  }
}

/** `urllib.error.URLError`, with `reason` as `str(e.reason)` prints it. */
export class UrlError extends Error {
  constructor(readonly reason: string) {
    super(`<urlopen error ${reason}>`);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTIONS = 10;
const MAX_REPEATS = 4;

/**
 * The body of `url`, as `urlopen(url).read()` returns it, or the error urlopen raises.
 *
 * @example
 * const body = await urlopenRead('https://micropython.org/pi/v2/package/6/x/latest.json', world);
 */
export async function urlopenRead(url: string, network: Network, python = '3.11'): Promise<Uint8Array> {
  const seen = new Map<string, number>();
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const target = parse(current);
    if (!network.resolves(target.host)) throw new UrlError('[Errno -2] Name or service not known');
    const request: WireRequest = {
      method: 'GET',
      url: current,
      scheme: target.scheme,
      host: target.host,
      port: target.port,
      path: target.path,
      headers: [
        ['Accept-Encoding', 'identity'],
        ['Host', target.hostHeader],
        ['User-Agent', `Python-urllib/${python}`],
        ['Connection', 'close'],
      ],
      httpVersion: '1.1',
    };
    const response = readResponse(await network.exchange(request), current);
    const location = header(response.headers, 'location') ?? header(response.headers, 'uri');
    const followed = REDIRECTS.has(response.status) && (response.status !== 308 || compareVersions(python, '3.11') >= 0);
    if (followed && location !== undefined) {
      const next = new URL(location, current);
      if (!['http:', 'https:', 'ftp:'].includes(next.protocol)) throw new HttpError(response.status, current);
      const times = (seen.get(next.href) ?? 0) + 1;
      seen.set(next.href, times);
      if (times > MAX_REPEATS || redirects + 1 > MAX_REDIRECTIONS) throw new HttpError(response.status, current);
      current = next.href;
      continue;
    }
    if (response.status < 200 || response.status >= 300) throw new HttpError(response.status, current);
    return response.body();
  }
}

function parse(url: string): { scheme: 'http' | 'https'; host: string; port: number; path: string; hostHeader: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PyException('ValueError', `unknown url type: '${url}'`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UrlError(`unknown url type: ${u.protocol.slice(0, -1)}`);
  const scheme = u.protocol === 'https:' ? 'https' : 'http';
  return { scheme, host: u.hostname, port: u.port ? Number(u.port) : scheme === 'https' ? 443 : 80, path: `${u.pathname}${u.search}`, hostHeader: u.host };
}

function header(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** `http.client`'s reading of a response: status line, headers, then a body read on demand. */
function readResponse(encoded: EncodedResponse, url: string): { status: number; headers: Array<[string, string]>; body: () => Uint8Array } {
  const bytes = Buffer.from(encoded.bytes);
  const atEnd = (during: 'status line' | 'headers' | 'body'): never => {
    if (encoded.end === 'hang') throw new HangError(url, during);
    if (encoded.end === 'reset') throw new PyException('ConnectionResetError', '[Errno 104] Connection reset by peer', 104);
    throw new PyException('http.client.RemoteDisconnected', 'Remote end closed connection without response');
  };
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (bytes.length === 0) atEnd('status line');
  if (headEnd < 0) atEnd('headers');
  const lines = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0]!)?.[1]);
  if (!Number.isInteger(status)) throw new PyException('http.client.BadStatusLine', lines[0]!);
  const headers = lines.slice(1).map((l): [string, string] => {
    const colon = l.indexOf(':');
    return colon < 0 ? [l, ''] : [l.slice(0, colon), l.slice(colon + 1).trim()];
  });
  const rest = bytes.subarray(headEnd + 4);
  const body = (): Uint8Array => {
    if (header(headers, 'transfer-encoding')?.toLowerCase() === 'chunked') return dechunk(rest, encoded, url);
    const length = header(headers, 'content-length');
    if (length !== undefined && /^\d+$/.test(length.trim())) {
      const n = Number(length);
      if (rest.length >= n) return new Uint8Array(rest.subarray(0, n));
      if (encoded.end === 'close') throw new PyException('http.client.IncompleteRead', `IncompleteRead(${rest.length} bytes read, ${n - rest.length} more expected)`);
      atEnd('body');
    }
    if (encoded.end !== 'close') atEnd('body');
    return new Uint8Array(rest);
  };
  return { status, headers, body };
}

function dechunk(data: Buffer, encoded: EncodedResponse, url: string): Uint8Array {
  const parts: Buffer[] = [];
  let pos = 0;
  const incomplete = (): never => {
    if (encoded.end === 'hang') throw new HangError(url, 'body');
    if (encoded.end === 'reset') throw new PyException('ConnectionResetError', '[Errno 104] Connection reset by peer', 104);
    const got = parts.reduce((n, p) => n + p.length, 0);
    throw new PyException('http.client.IncompleteRead', `IncompleteRead(${got} bytes read)`);
  };
  for (;;) {
    const nl = data.indexOf('\r\n', pos);
    if (nl < 0) incomplete();
    const size = Number.parseInt(data.subarray(pos, nl).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size)) throw new PyException('ValueError', `invalid literal for int() with base 16: ${JSON.stringify(data.subarray(pos, nl).toString('latin1'))}`);
    pos = nl + 2;
    if (size === 0) return new Uint8Array(Buffer.concat(parts));
    if (data.length < pos + size) incomplete();
    parts.push(data.subarray(pos, pos + size));
    pos += size + 2;
  }
}
