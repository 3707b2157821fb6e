/**
 * upip's own HTTP code (`url_open` in tools/upip.py v1.19.1), reading the mocked server's bytes
 * the way upip reads its socket:
 *
 * ```python
 * proto, _, host, urlpath = url.split("/", 3)
 * try:
 *     port = 443
 *     if ":" in host:
 *         host, port = host.split(":"); port = int(port)
 *     ai = usocket.getaddrinfo(host, port, 0, usocket.SOCK_STREAM)
 * except OSError as e:
 *     fatal("Unable to resolve %s (no Internet?)" % host, e)
 * ...
 * if proto == "https:": s = ussl.wrap_socket(s, server_hostname=host); warn once
 * s.write("GET /%s HTTP/1.0\r\nHost: %s:%s\r\n\r\n" % (urlpath, host, port))
 * protover, status, msg = s.readline().split(None, 2)
 * 200 ok; 404/301 → NotFoundError("Package not found"); else ValueError(status)
 * skip header lines until b"\r\n" (EOF first → ValueError("Unexpected EOF in HTTP headers"))
 * ```
 *
 * Port 443 is used for every scheme unless the URL names one (plain TCP to 443 for `http://`,
 * which a TLS-only server resets: the `readline()` raises `OSError: [Errno 104] ECONNRESET`).
 * An empty answer (the server closes before a byte) fails the unpacking of the status line:
 * `ValueError: need more than 0 values to unpack`.
 */
import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';
import { dnsFailure } from '../net/httpClient.ts';
import { isCrlf, pySplit, splitWhitespace } from '../net/httpClientBytes.ts';
import { bytesRepr, parsePyInt, type PyErrors } from '../py/errors.ts';
import { ResponseSocket } from '../net/httpClientSocket.ts';
import type { Network } from '../net/Network.ts';
import type { WireRequest } from '../net/wire.ts';
import { SystemExit } from './SystemExit.ts';
import type { UpipHeap } from './upipHeap.ts';

/** `NotFoundError("Package not found")`, the one exception `get_pkg_metadata` falls through on. */
/**
 * upip (and micropip, its CPython port) skip every header line up to the blank one, and fail on
 * EOF first.
 */
export function skipHeaders(sock: ResponseSocket): void {
  sock.phase = 'headers';
  for (;;) {
    const l = sock.readline();
    if (l.length === 0) throw new PyException('ValueError', 'Unexpected EOF in HTTP headers');
    if (isCrlf(l)) break;
  }
  sock.phase = 'body';
}

export function notFoundError(): PyException {
  return new PyException('NotFoundError', 'Package not found');
}

/** The module state `url_open` reads and writes. */
export interface UpipNetState {
  network: Network;
  device: Device;
  errors: PyErrors;
  debug: boolean;
  /** `warn_ussl`: true until the first certificate warning. */
  warnUssl: boolean;
  heap: UpipHeap | undefined;
}

/** An open upip socket: read it like the real one, then `close()` it. */
export interface UpipConnection {
  sock: ResponseSocket;
  close(): void;
}

const ENCODER = new TextEncoder();

/**
 * `fatal(msg, exc)`: print `Error: {msg}`; with `--debug` re-raise the exception, else exit 1.
 *
 * @example
 * upipFatal(device, 'Only \'install\' command supported', undefined, false) // throws SystemExit(1)
 */
export function upipFatal(device: Device, msg: string, exc: PyException | undefined, debug: boolean): never {
  device.print(`Error: ${msg}`);
  if (exc && debug) throw exc;
  throw new SystemExit(1);
}

/**
 * `url_open(url)`. Throws `PyException` (NotFoundError, ValueError, OSError, MemoryError),
 * `SystemExit` after a failed resolve, `HangError` when the server never finishes.
 *
 * @example
 * const c = await upipUrlOpen('https://micropython.org/pi/foo/json', state);
 * const body = c.sock.readAll(); c.close();
 */
export async function upipUrlOpen(url: string, state: UpipNetState): Promise<UpipConnection> {
  const { device, errors } = state;
  if (state.debug) device.print(url);

  const parts = pySplit(url, '/', 3);
  if (parts.length < 4) throw errors.unpackTooShort(parts.length);
  const [proto, , hostPart, urlpath] = parts as [string, string, string, string];
  let host = hostPart;
  let port = 443;
  if (host.includes(':')) {
    const hp = host.split(':');
    if (hp.length > 2) throw errors.unpackTooLong(2);
    host = hp[0]!;
    port = parsePyInt(ENCODER.encode(hp[1]!), 10, errors);
  }
  if (!state.network.resolves(host)) {
    upipFatal(device, `Unable to resolve ${host} (no Internet?)`, dnsFailure(device.port), state.debug);
  }

  // usocket.socket + connect; then TLS only for "https:" (an "http:" URL still goes to port 443).
  let tls: number[] | undefined;
  const scheme = proto === 'https:' ? 'https' : 'http';
  if (scheme === 'https') {
    if (state.heap) tls = state.heap.openConnection();
    if (state.warnUssl) {
      device.print(`Warning: ${host} SSL certificate is not validated`);
      state.warnUssl = false;
    }
  }
  const close = (): void => {
    state.heap?.free(tls);
    tls = undefined;
  };
  try {
    const request: WireRequest = {
      method: 'GET',
      url: `${scheme}://${host}/${urlpath}`,
      scheme,
      host,
      port,
      path: '/' + urlpath,
      headers: [['Host', `${host}:${port}`]],
      httpVersion: '1.0',
    };
    const sock = new ResponseSocket(await state.network.exchange(request), request.url);
    const statusParts = splitWhitespace(sock.readline(), 2);
    if (statusParts.length < 3) throw errors.unpackTooShort(statusParts.length);
    const status = statusParts[1]!;
    const statusText = Buffer.from(status).toString('latin1');
    if (statusText !== '200') {
      if (statusText === '404' || statusText === '301') throw notFoundError();
      throw new PyException('ValueError', bytesRepr(status));
    }
    skipHeaders(sock);
    return { sock, close };
  } catch (e) {
    close();
    throw e;
  }
}
