/** What a request got: a status code, or no response at all (`closed` / `reset`). */
export type RequestAnswer = number | 'closed' | 'reset';

/** An expected request: method, URL and (optionally) what it got. */
export interface ExpectedRequest {
  method: string;
  url: string;
  status?: RequestAnswer;
}

/**
 * Parse the short form used in scenarios: `GET https://host/path → 200` (`->` works too; the
 * method defaults to GET and the status is optional). `→ closed` and `→ reset` stand for a
 * request the server answered with no byte, closing or resetting the connection.
 *
 * @example
 * parseRequestLine('GET https://micropython.org/pi/v2/index.json -> 404')
 * // { method: 'GET', url: 'https://micropython.org/pi/v2/index.json', status: 404 }
 * parseRequestLine('GET http://micropython.org/pi/foo/json → reset').status // 'reset'
 */
export function parseRequestLine(line: string): ExpectedRequest {
  const m = /^\s*(?:([A-Z]+)\s+)?(\S+)(?:\s*(?:→|->)\s*(\d{3}|closed|reset))?\s*$/.exec(line);
  if (!m) throw new Error(`cannot read the expected request "${line}": write it as "GET https://host/path → 200"`);
  const status = m[3] === undefined ? undefined : /^\d/.test(m[3]) ? Number(m[3]) : (m[3] as 'closed' | 'reset');
  return { method: m[1] ?? 'GET', url: m[2]!, ...(status !== undefined ? { status } : {}) };
}

/**
 * What a logged request got, as expectations and reports write it.
 *
 * @example
 * requestAnswer({ status: 200 })                      // 200
 * requestAnswer({ status: 0, noResponse: 'reset' })   // 'reset'
 */
export function requestAnswer(r: { status: number; noResponse?: 'closed' | 'reset' | undefined }): RequestAnswer {
  return r.noResponse ?? r.status;
}

/**
 * The short form of an observed request, as reports print it.
 *
 * @example
 * formatRequest({ method: 'GET', url: 'https://h/x', status: 404 })                  // 'GET https://h/x → 404'
 * formatRequest({ method: 'GET', url: 'http://h/x', status: 0, noResponse: 'reset' }) // 'GET http://h/x → reset'
 */
export function formatRequest(r: { method: string; url: string; status: number; noResponse?: 'closed' | 'reset' | undefined }): string {
  return `${r.method} ${r.url} → ${requestAnswer(r)}`;
}
