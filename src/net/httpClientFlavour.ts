/**
 * How each released `urequests`/`requests` behaves on the wire, read from micropython-lib
 * `python-ecosys/{urequests,requests}` at the commits the micropython tags pin.
 */
import type { HttpModule } from './httpModules.ts';

export interface RequestsFlavour {
  module: HttpModule;
  httpVersion: '1.0' | '1.1';
  /**
   * Order of the two request headers. Up to 0.9.0 `Host` is written first, then `Connection`.
   * From 0.10.0 both live in a dict; MicroPython dicts iterate in hash-table order, and with
   * both qstr hashes odd (djb2: Host 64005, Connection 42451, alloc 2) `Connection` lands in
   * slot 0: the wire order is `Connection: close`, `Host: …`.
   */
  headerOrder: 'host-first' | 'connection-first';
  /**
   * Host header on a followed redirect: `fresh` = the new host; `carried` = 0.10.0/0.10.1 re-send
   * the first request's Host to the new host (the dict is passed along); 0.10.2 pops it again.
   */
  redirectHost: 'fresh' | 'carried';
  /** 1.x: `location:`/`transfer-encoding:`/`content-length:` matched case-insensitively. */
  caseInsensitiveHeaders: boolean;
  /** 1.x: `Location: /x` becomes `{proto}//{host}:{port}/x`. */
  relativeRedirects: boolean;
  /** Released versions raise on `Transfer-Encoding: …chunked…`; 1.x decodes it. */
  chunked: 'reject' | 'decode';
  /** 1.x: the body is bounded by Content-Length (a short body raises). Released: read to EOF. */
  contentLengthBody: boolean;
  /** 1.x: `?query`/`#fragment` directly after the host name. */
  queryAfterHost: boolean;
}

const RELEASED_BASE = {
  httpVersion: '1.0',
  caseInsensitiveHeaders: false,
  relativeRedirects: false,
  chunked: 'reject',
  contentLengthBody: false,
  queryAfterHost: false,
} as const;

const FLAVOURS: Record<string, Omit<RequestsFlavour, 'module'>> = {
  'urequests 0.7.0': { ...RELEASED_BASE, headerOrder: 'host-first', redirectHost: 'fresh' },
  'requests 0.8.1': { ...RELEASED_BASE, headerOrder: 'host-first', redirectHost: 'fresh' },
  // 0.9.0: TLS through `tls.SSLContext`; nothing visible on the wire changed.
  'requests 0.9.0': { ...RELEASED_BASE, headerOrder: 'host-first', redirectHost: 'fresh' },
  'requests 0.10.0': { ...RELEASED_BASE, headerOrder: 'connection-first', redirectHost: 'carried' },
  'requests 0.10.2': { ...RELEASED_BASE, headerOrder: 'connection-first', redirectHost: 'fresh' },
  'requests 1.1.1': {
    httpVersion: '1.1',
    headerOrder: 'connection-first',
    redirectHost: 'fresh',
    caseInsensitiveHeaders: true,
    relativeRedirects: true,
    chunked: 'decode',
    contentLengthBody: true,
    queryAfterHost: true,
  },
};

/**
 * The wire behaviour of one HTTP module version.
 *
 * @example
 * requestsFlavour({ name: 'requests', version: '0.10.0' }).redirectHost // 'carried'
 */
export function requestsFlavour(module: HttpModule): RequestsFlavour {
  const flavour = FLAVOURS[`${module.name} ${module.version}`];
  if (!flavour) {
    throw new Error(
      `no model of ${module.name} ${module.version}; modelled: ${Object.keys(FLAVOURS).join(', ')}`,
    );
  }
  return { module, ...flavour };
}
