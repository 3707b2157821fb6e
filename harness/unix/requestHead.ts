/** The parts of an HTTP request head the loopback server routes on. */
export interface RequestHead {
  method: string;
  /** Request target exactly as on the request line. */
  target: string;
  httpVersion: '1.0' | '1.1';
  /** Header lines in the order and case sent (value with surrounding whitespace trimmed). */
  headers: Array<[string, string]>;
}

/** Heads larger than this are not HTTP from an installer; the server gives up on them. */
export const MAX_HEAD_BYTES = 64 * 1024;

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');

/**
 * Where the head ends in `buffer` (index just past the blank line), or -1 while it is incomplete.
 * Installers send CRLF; a bare-LF head is accepted too so a sloppy client still gets an answer.
 *
 * @example
 * headEnd(Buffer.from('GET / HTTP/1.0\r\n\r\n')); // 18
 * headEnd(Buffer.from('GET / HTTP/1.0\r\nHost: a')); // -1
 */
export function headEnd(buffer: Buffer): number {
  const crlf = buffer.indexOf(CRLFCRLF);
  const lf = buffer.indexOf(LFLF);
  if (crlf === -1 && lf === -1) return -1;
  if (crlf === -1) return lf + 2;
  if (lf === -1) return crlf + 4;
  return Math.min(crlf + 4, lf + 2);
}

/**
 * Parse a complete request head (request line + header lines, blank line optional).
 * Throws an `Error` naming the offending line when it is not HTTP/1.x.
 *
 * @example
 * parseRequestHead('GET /pi/v2/index.json HTTP/1.0\r\nHost: micropython.org\r\n\r\n');
 * // { method: 'GET', target: '/pi/v2/index.json', httpVersion: '1.0',
 * //   headers: [['Host', 'micropython.org']] }
 */
export function parseRequestHead(head: string): RequestHead {
  const lines = head.split(/\r?\n/);
  const requestLine = lines[0] ?? '';
  const match = /^(\S+) (\S+) HTTP\/(1\.[01])$/.exec(requestLine);
  if (!match) {
    throw new Error(`bad HTTP request line ${JSON.stringify(requestLine)}: expected "METHOD /path HTTP/1.x"`);
  }
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`bad HTTP header line ${JSON.stringify(line)}: expected "Name: value"`);
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return {
    method: match[1] as string,
    target: match[2] as string,
    httpVersion: match[3] as '1.0' | '1.1',
    headers,
  };
}

/**
 * The host name of a `Host` header value without any `:port` (upip sends `Host: host:port`).
 * Bracketed IPv6 literals keep their brackets off: `[::1]:80` → `::1`.
 *
 * @example
 * hostWithoutPort('pypi.org:443'); // 'pypi.org'
 */
export function hostWithoutPort(value: string): string {
  const v = value.trim();
  if (v.startsWith('[')) {
    const close = v.indexOf(']');
    return close === -1 ? v : v.slice(1, close);
  }
  const colon = v.lastIndexOf(':');
  return colon === -1 ? v : v.slice(0, colon);
}
