/** An expected request: method, URL and (optionally) the status it got. */
export interface ExpectedRequest {
  method: string;
  url: string;
  status?: number;
}

/**
 * Parse the short form used in scenarios: `GET https://host/path → 200` (`->` works too; the
 * method defaults to GET and the status is optional).
 *
 * @example
 * parseRequestLine('GET https://micropython.org/pi/v2/index.json -> 404')
 * // { method: 'GET', url: 'https://micropython.org/pi/v2/index.json', status: 404 }
 */
export function parseRequestLine(line: string): ExpectedRequest {
  const m = /^\s*(?:([A-Z]+)\s+)?(\S+)(?:\s*(?:→|->)\s*(\d{3}))?\s*$/.exec(line);
  if (!m) throw new Error(`cannot read the expected request "${line}": write it as "GET https://host/path → 200"`);
  return { method: m[1] ?? 'GET', url: m[2]!, ...(m[3] ? { status: Number(m[3]) } : {}) };
}

/** The short form of an observed request, as reports print it. */
export function formatRequest(r: { method: string; url: string; status: number }): string {
  return `${r.method} ${r.url} → ${r.status}`;
}
