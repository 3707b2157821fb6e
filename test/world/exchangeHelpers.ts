/**
 * Test helpers: send a GET to a world the way a device's HTTP client would, and read the
 * answer back from the encoded bytes.
 */
import type { EncodedResponse, WireRequest } from '../../src/net/wire.ts';
import type { Network } from '../../src/net/Network.ts';
import { worldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import type { World } from '../../src/world/World.ts';

/** A WireRequest for `url`, as released `requests` sends it (HTTP/1.0, Host + Connection). */
export function getRequest(url: string): WireRequest {
  const u = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)?(\?[^#]*)?/.exec(url);
  if (!u) throw new Error(`not a URL: ${url}`);
  const scheme = u[1] as 'http' | 'https';
  const host = u[2]!;
  return {
    method: 'GET',
    url,
    scheme,
    host,
    port: u[3] ? Number(u[3]) : scheme === 'https' ? 443 : 80,
    path: (u[4] || '/') + (u[5] ?? ''),
    headers: [
      ['Host', host],
      ['Connection', 'close'],
    ],
    httpVersion: '1.0',
  };
}

export interface ParsedResponse {
  statusLine: string;
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
  text: string;
  end: EncodedResponse['end'];
}

/** Split encoded response bytes into status line, headers and raw body (framing not removed). */
export function parseEncoded(encoded: EncodedResponse): ParsedResponse {
  const bytes = encoded.bytes;
  let split = -1;
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) {
      split = i;
      break;
    }
  }
  if (split < 0) throw new Error('no end of headers in response');
  const head = Buffer.from(bytes.subarray(0, split)).toString('latin1').split('\r\n');
  const statusLine = head[0]!;
  const headers = head.slice(1).map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 2)];
  });
  const body = bytes.subarray(split + 4);
  return {
    statusLine,
    status: Number(statusLine.split(' ')[1]),
    headers,
    body,
    text: new TextDecoder().decode(body),
    end: encoded.end,
  };
}

/** `GET url` through `network.exchange`, parsed. */
export async function get(network: Network, url: string): Promise<ParsedResponse> {
  return parseEncoded(await network.exchange(getRequest(url)));
}

/** The value of header `name` (case-insensitive), or undefined. */
export function header(res: ParsedResponse, name: string): string | undefined {
  return res.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/** A world from a (not yet parsed) `world` section. */
export async function worldOf(section: unknown): Promise<World> {
  return createWorld(worldSpec.parse(section));
}
