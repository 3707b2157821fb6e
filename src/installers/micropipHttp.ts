/**
 * micropip's socket code (peterhinch/micropython-samples `micropip/micropip.py`, a CPython port
 * of upip): `getaddrinfo(host, 443)` whatever the URL says, `ssl.wrap_socket(sock)` before
 * connecting for `https:` only (no SNI, no verification; an `http:` URL is plain TCP to port
 * 443, which a TLS-only server resets), `GET /{path} HTTP/1.0\r\nHost: {host}\r\n\r\n`, and
 * byte-by-byte line reading.
 *
 * The body bug: `read_lines()` returns the lines read until one *equals* `b"\r\n"` (or EOF), and
 * micropip reads both the JSON and the tarball with it — so a body containing `\n\r\n` is cut
 * right after that `\r\n`.
 */
import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';
import { isCrlf, pySplit, splitWhitespace } from '../net/httpClientBytes.ts';
import { bytesRepr } from '../py/errors.ts';
import { ResponseSocket } from '../net/httpClientSocket.ts';
import type { Network } from '../net/Network.ts';
import type { WireRequest } from '../net/wire.ts';
import { compareVersions } from '../scenario/version.ts';
import { skipHeaders } from './upipHttp.ts';

/** The script's globals and the host's Python, as `url_open` uses them. */
export interface MicropipNetState {
  network: Network;
  device: Device;
  debug: boolean;
  warnUssl: boolean;
  /** The CPython running micropip: `ssl.wrap_socket` is gone from 3.12. */
  python: string;
}

/** `NotFoundError("Package not found")`. */
export function micropipNotFound(): PyException {
  return new PyException('NotFoundError', 'Package not found');
}

/** CPython's `ConnectionResetError` for ECONNRESET. */
function connectionResetError(): PyException {
  return new PyException('ConnectionResetError', '[Errno 104] Connection reset by peer', 104);
}

/** CPython's "not enough values to unpack (expected N, got M)". */
function unpackError(expected: number, got: number): PyException {
  return new PyException('ValueError', `not enough values to unpack (expected ${expected}, got ${got})`);
}

/**
 * `read_lines(sock)`: lines until one equals `b"\r\n"` or the connection ends.
 *
 * @example
 * readLines(sock) // b'{"info": …}' — or a tarball cut after its first "\n\r\n"
 */
export function micropipReadLines(sock: ResponseSocket): Uint8Array {
  const parts: Uint8Array[] = [];
  for (;;) {
    const line = sock.readline();
    parts.push(line);
    if (isCrlf(line) || line.length === 0) break;
  }
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * `url_open(url)`: the socket after the status line and headers. Throws PyException
 * (NotFoundError, ValueError, `socket.gaierror` after printing `Unable to resolve …`,
 * AttributeError on Python ≥ 3.12), HangError when the server never finishes.
 *
 * @example
 * const sock = await micropipUrlOpen('https://micropython.org/pi/foo/json', state);
 */
export async function micropipUrlOpen(url: string, state: MicropipNetState): Promise<ResponseSocket> {
  const { device } = state;
  if (state.debug) device.print(url);
  const parts = pySplit(url, '/', 3);
  if (parts.length < 4) throw unpackError(4, parts.length);
  const [proto, , host, urlpath] = parts as [string, string, string, string];
  // getaddrinfo(host, 443): a "host:port" is looked up as a name and fails.
  if (host.includes(':') || !state.network.resolves(host)) {
    device.print(`Unable to resolve ${host} (no Internet?)`);
    throw new PyException('socket.gaierror', '[Errno -2] Name or service not known');
  }
  const scheme = proto === 'https:' ? 'https' : 'http';
  if (scheme === 'https') {
    if (compareVersions(state.python, '3.12') >= 0) {
      throw new PyException('AttributeError', "module 'ssl' has no attribute 'wrap_socket'");
    }
    if (state.warnUssl) {
      device.print(`Warning: ${host} SSL certificate is not validated`);
      state.warnUssl = false;
    }
  }
  const request: WireRequest = {
    method: 'GET',
    url: `${scheme}://${host}/${urlpath}`,
    scheme,
    host,
    port: 443,
    path: '/' + urlpath,
    headers: [['Host', host]],
    httpVersion: '1.0',
  };
  // CPython's recv on a reset connection raises ConnectionResetError (str: "[Errno 104] Connection reset by peer").
  const sock = new ResponseSocket(await state.network.exchange(request), request.url, connectionResetError);
  const statusParts = splitWhitespace(sock.readline(), 2);
  if (statusParts.length < 3) throw unpackError(3, statusParts.length);
  const status = Buffer.from(statusParts[1]!).toString('latin1');
  if (status !== '200') {
    if (status === '404' || status === '301') throw micropipNotFound();
    throw new PyException('ValueError', bytesRepr(statusParts[1]!));
  }
  skipHeaders(sock);
  return sock;
}
