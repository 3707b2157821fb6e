/**
 * Carries a `WireResponse` through a fetch `Response`: what a `Response` cannot express
 * (1xx statuses, header order, case and verbatim lines, framing, wrong Content-Length,
 * truncation, a connection left open, or closed without a response) travels in the private
 * header `x-miprig-wire` (documented in faults.ts). Both the world's `exchange` and a loopback
 * server turn a handler's `Response` back into the same `WireResponse` with `toWireResponse`.
 */
import type { HeaderLine, WireResponse } from '../net/wire.ts';
import { reasonPhrase } from './reasonPhrase.ts';

/** Name of the private response header; never written to the wire. */
export const WIRE_HEADER = 'x-miprig-wire';

/** The JSON payload of `x-miprig-wire`. Every field is optional; absent = what the Response says. */
export interface WireExtras {
  status?: number;
  reason?: string;
  /** Header lines in wire order and case; replaces the Response's (lower-cased, sorted) headers. */
  headers?: HeaderLine[];
  framing?: WireResponse['framing'];
  contentLengthOverride?: number;
  truncateAt?: number;
  neverClose?: boolean;
  noResponse?: WireResponse['noResponse'];
}

/** Responses built here, with the WireResponse they came from: spares a JSON parse and a body read. */
const builtFrom = new WeakMap<Response, WireResponse>();
/** `x-miprig-wire` text per (usually precomputed, shared) WireResponse. */
const headerText = new WeakMap<WireResponse, string>();

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function asciiJson(value: unknown): string {
  // Header values must be Latin-1; escaping everything non-ASCII keeps the JSON intact.
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function extrasOf(wire: WireResponse): string {
  let text = headerText.get(wire);
  if (text === undefined) {
    const extras: WireExtras = { status: wire.status, reason: wire.reason, headers: wire.headers, framing: wire.framing };
    if (wire.contentLengthOverride !== undefined) extras.contentLengthOverride = wire.contentLengthOverride;
    if (wire.truncateAt !== undefined) extras.truncateAt = wire.truncateAt;
    if (wire.neverClose) extras.neverClose = true;
    if (wire.noResponse) extras.noResponse = wire.noResponse;
    text = asciiJson(extras);
    headerText.set(wire, text);
  }
  return text;
}

/**
 * A fresh fetch `Response` for `wire` (a Response can be read once, a WireResponse any number of
 * times). The real headers are set too, so a plain msw consumer sees a sensible response.
 *
 * @example
 * const res = toFetchResponse({ status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain']], body, framing: 'length' });
 * (await toWireResponse(res)).headers // [['Content-Type', 'text/plain']]
 */
export function toFetchResponse(wire: WireResponse): Response {
  const headers = new Headers();
  for (const [name, value] of wire.headers) {
    try {
      headers.append(name, value);
    } catch {
      // A deliberately malformed header stays in x-miprig-wire only.
    }
  }
  headers.set(WIRE_HEADER, extrasOf(wire));
  const fetchStatus = wire.status >= 200 && wire.status <= 599 ? wire.status : 200;
  // WireResponse bodies are never SharedArrayBuffer-backed.
  const body = NULL_BODY_STATUSES.has(fetchStatus) ? null : (wire.body as Uint8Array<ArrayBuffer>);
  const response = new Response(body, { status: fetchStatus, headers });
  builtFrom.set(response, wire);
  return response;
}

/** `Content-Type` → `Content-Type`: the usual wire spelling of a lower-cased fetch header name. */
function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/**
 * The `WireResponse` a handler's fetch `Response` stands for: `x-miprig-wire` applied when
 * present, otherwise the Response's status, headers (Title-Case) and body with Content-Length framing.
 *
 * @example
 * const wire = await toWireResponse(new Response('hi', { status: 201 }));
 * wire.reason // 'Created'
 */
export async function toWireResponse(response: Response): Promise<WireResponse> {
  const known = builtFrom.get(response);
  if (known) return known;
  const raw = response.headers.get(WIRE_HEADER);
  let extras: WireExtras = {};
  if (raw !== null) {
    try {
      extras = JSON.parse(raw) as WireExtras;
    } catch (error) {
      throw new Error(`${WIRE_HEADER} header is not valid JSON (${String(error)}): ${raw.slice(0, 200)}`);
    }
  }
  const headers: HeaderLine[] = [];
  if (!extras.headers) {
    response.headers.forEach((value, name) => {
      if (name !== WIRE_HEADER) headers.push([titleCase(name), value]);
    });
  }
  const status = extras.status ?? response.status;
  const wire: WireResponse = {
    status,
    reason: extras.reason ?? (response.statusText || reasonPhrase(status)),
    headers: extras.headers ?? headers,
    body: new Uint8Array(await response.arrayBuffer()),
    framing: extras.framing ?? 'length',
  };
  if (extras.contentLengthOverride !== undefined) wire.contentLengthOverride = extras.contentLengthOverride;
  if (extras.truncateAt !== undefined) wire.truncateAt = extras.truncateAt;
  if (extras.neverClose) wire.neverClose = true;
  if (extras.noResponse) wire.noResponse = extras.noResponse;
  return wire;
}

/**
 * A WireResponse with the usual shape: standard reason phrase, Content-Length framing.
 *
 * @example
 * wireResponse(404, [['Content-Type', 'text/plain; charset=utf-8']], '404: Not Found')
 */
export function wireResponse(status: number, headers: HeaderLine[], body: Uint8Array | string = new Uint8Array()): WireResponse {
  return {
    status,
    reason: reasonPhrase(status),
    headers,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    framing: 'length',
  };
}
