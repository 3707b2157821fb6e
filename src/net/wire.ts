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

/** One HTTP response before framing: the world's answer plus any wire-level fault. */
export interface WireResponse {
  status: number;
  reason: string;
  /** Header lines in wire order and case (a fault may send `location:` lower-case). */
  headers: Array<[string, string]>;
  body: Uint8Array;
  /** How the body is framed. `length` sends Content-Length; `close` omits it and closes. */
  framing: 'length' | 'chunked' | 'close';
  /** A wrong Content-Length to send instead of the real one. */
  contentLengthOverride?: number;
  /** Close the connection after this many body bytes. */
  truncateAt?: number;
  /** Never close the connection after the body (the client waits forever). */
  neverClose?: boolean;
}

/** The response as bytes on the wire, and what the server does after writing them. */
export interface EncodedResponse {
  bytes: Uint8Array;
  end: 'close' | 'hang';
}

/** One line of the request log, shared by both backends. */
export interface RequestRecord {
  method: string;
  url: string;
  status: number;
  /** Body bytes sent to the client. */
  bytes: number;
  /** Request headers as received. */
  headers: Array<[string, string]>;
  /** False when no route of the world answered: a failure in a strict world. */
  matched: boolean;
}
