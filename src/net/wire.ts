/**
 * What travels on the wire between an installer and the mocked world. Both transports speak it:
 * the virtual device's HTTP client model reads the encoded bytes exactly as MicroPython's
 * `requests` reads a socket, and the loopback server writes the same bytes to a real binary.
 */

/** One HTTP request as the installer sent it. */
export interface WireRequest {
  method: string;
  /** Absolute URL the world routes on: `https://host/path` (no port: routing is by host name). */
  url: string;
  scheme: 'http' | 'https';
  host: string;
  /** The TCP port the client connected to (443/80 unless the URL named one). */
  port: number;
  /** Request target as sent on the request line, e.g. `/pi/v2/index.json`. */
  path: string;
  /** Header lines in the order and case sent. */
  headers: Array<[string, string]>;
  httpVersion: '1.0' | '1.1';
}

/**
 * One response header line: `name`, `separator` (default `": "`) and `value`, written as
 * `{name}{separator}{value}\r\n`. A line declared verbatim (`Location:https://…`) keeps its
 * bytes: see `headerLine`.
 */
export type HeaderLine = [name: string, value: string, separator?: string];

/**
 * A verbatim header line as a `HeaderLine`: split at its first `:` (the colon and the spaces or
 * tabs after it are the separator), so name + separator + value is the line byte for byte. A
 * line without `:` is all name.
 *
 * @example
 * headerLine('Location:https://example.com/x') // ['Location', 'https://example.com/x', ':']
 * headerLine('X-Odd')                          // ['X-Odd', '', '']
 */
export function headerLine(line: string): HeaderLine {
  const m = /^([^:]*)(:[ \t]*)([^]*)$/.exec(line);
  return m ? [m[1]!, m[3]!, m[2]!] : [line, '', ''];
}

/** One HTTP response before framing: the world's answer plus any wire-level fault. */
export interface WireResponse {
  status: number;
  reason: string;
  /** Header lines in wire order and case (a fault may send `location:` lower-case). */
  headers: HeaderLine[];
  body: Uint8Array;
  /** How the body is framed. `length` sends Content-Length; `close` omits it and closes. */
  framing: 'length' | 'chunked' | 'close';
  /** A wrong Content-Length to send instead of the real one. */
  contentLengthOverride?: number;
  /** Close the connection after this many body bytes. */
  truncateAt?: number;
  /** Never close the connection after the body (the client waits forever). */
  neverClose?: boolean;
  /**
   * No byte of the response is sent: after reading the request the server closes the
   * connection (`closed`) or resets it (`reset`). Status, headers and body are then unused.
   */
  noResponse?: 'closed' | 'reset';
}

/**
 * The response as bytes on the wire, and what the server does after writing them: close the
 * connection (FIN), keep it open forever (`hang`), or reset it (RST; only ever produced for a
 * plain TCP connection, see `noResponse`).
 */
export interface EncodedResponse {
  bytes: Uint8Array;
  end: 'close' | 'hang' | 'reset';
}

/** One line of the request log, shared by both backends. */
export interface RequestRecord {
  method: string;
  url: string;
  /** The status line's code; 0 when no response reached the client (see `noResponse`). */
  status: number;
  /** Set when the server closed or reset the connection without sending a byte. */
  noResponse?: 'closed' | 'reset';
  /** Body bytes sent to the client. */
  bytes: number;
  /** Request headers as received. */
  headers: Array<[string, string]>;
  /** False when no route of the world answered: a failure in a strict world. */
  matched: boolean;
}
