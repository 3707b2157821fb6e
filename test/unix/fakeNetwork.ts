import type { Network } from '../../src/net/Network.ts';
import type { EncodedResponse, RequestRecord, WireRequest } from '../../src/net/wire.ts';

/** A route's answer: a body served as 200, or the exact bytes to write. */
export type FakeAnswer =
  | { body: string | Uint8Array; status?: number }
  | { raw: Uint8Array; end?: 'close' | 'hang' | 'reset' };

/**
 * A tiny stand-in for `createWorld`: exact-URL routes, everything else 404. Keeps every request
 * it saw (`requests`) so tests can assert on what reached the world.
 */
export class FakeNetwork implements Network {
  readonly log: RequestRecord[] = [];
  readonly requests: WireRequest[] = [];

  constructor(
    private readonly routes: Record<string, FakeAnswer>,
    private readonly unresolvable: string[] = [],
  ) {}

  resolves(host: string): boolean {
    return !this.unresolvable.includes(host);
  }

  async exchange(request: WireRequest): Promise<EncodedResponse> {
    this.requests.push(request);
    const answer = this.routes[request.url];
    if (answer && 'raw' in answer) {
      this.log.push({ method: request.method, url: request.url, status: 0, bytes: answer.raw.length, headers: request.headers, matched: true });
      return { bytes: answer.raw, end: answer.end ?? 'close' };
    }
    const status = answer ? (answer.status ?? 200) : 404;
    const body = answer ? (typeof answer.body === 'string' ? new TextEncoder().encode(answer.body) : answer.body) : new TextEncoder().encode('Not Found');
    const head = `HTTP/1.0 ${status} ${status === 200 ? 'OK' : 'Not Found'}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const bytes = new Uint8Array([...new TextEncoder().encode(head), ...body]);
    this.log.push({ method: request.method, url: request.url, status, bytes: body.length, headers: request.headers, matched: answer !== undefined });
    return { bytes, end: 'close' };
  }
}
