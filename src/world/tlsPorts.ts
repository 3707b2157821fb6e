/**
 * Which (host, port) pairs of a world speak TLS. Port 443 does on every host; a declared URL
 * that names a port says what that host serves there (`https://h:8443/…` TLS, `http://h:8080/…`
 * plain); any other port is plain.
 *
 * It matters for clients that send plain HTTP where a TLS server listens: upip (v1.19.1
 * `url_open`: `port = 443` unless the URL names one, TLS only for `https:`) and micropip
 * (`getaddrinfo(host, 443)` always) connect to port 443 for an `http://` URL and write a plain
 * request. A TLS-only server cannot read it as a handshake and drops the connection with request
 * bytes unread, which the kernel turns into a reset, so the client's next read fails with
 * ECONNRESET (upip 1.19.1: `[Errno 104] ECONNRESET`). The world answers such a request with
 * `noResponse: 'reset'`. (Some servers answer a plain `400` instead, nginx among them: not
 * modelled. Neither is the other mismatch, a TLS handshake sent to a plain port.)
 */
import type { WorldSpec } from '../scenario/schema.ts';

/** The TLS view of a world. */
export interface TlsPorts {
  /** True when `host:port` is served over TLS only. */
  speaksTls(host: string, port: number): boolean;
}

/** Every absolute URL a world spec declares a server by. */
function declaredUrls(spec: WorldSpec): string[] {
  const urls = [...Object.keys(spec.http), spec.filesHost];
  if (spec.index) urls.push(spec.index.url);
  for (const pypi of spec.pypi) {
    urls.push(pypi.url);
    for (const pkg of Object.values(pypi.packages)) {
      for (const files of Object.values(pkg.releases)) for (const f of files) if (f.url !== undefined) urls.push(f.url);
    }
  }
  for (const fault of spec.faults) if ('url' in fault.on) urls.push(fault.on.url);
  return urls;
}

/**
 * The TLS ports of a world spec.
 *
 * @example
 * const tls = tlsPorts(worldSpec.parse({ http: { 'https://h.example:8443/x.py': 'x' } }));
 * tls.speaksTls('micropython.org', 443) // true
 * tls.speaksTls('h.example', 8443)      // true
 * tls.speaksTls('h.example', 80)        // false
 */
export function tlsPorts(spec: WorldSpec): TlsPorts {
  const declared = new Map<string, boolean>();
  for (const url of declaredUrls(spec)) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      continue; // reported where the URL is used
    }
    // An explicit port only: WHATWG drops the scheme's default port, which says nothing new.
    if (u.port !== '') declared.set(`${u.hostname.toLowerCase()}:${u.port}`, u.protocol === 'https:');
  }
  return {
    speaksTls(host, port) {
      return declared.get(`${host.toLowerCase()}:${port}`) ?? port === 443;
    },
  };
}
