import { describe, expect, it } from 'vitest';
import { HangError, httpGet } from '../../src/net/httpClient.ts';
import { PyException } from '../../src/py/PyException.ts';
import { FakeNetwork, bytes, httpResponse, text } from '../installers/fakes.ts';

const A = 'https://a.example/x.json';
const B = 'https://b.example/y.json';

function ctx(network: FakeNetwork, runtime = '1.22.2') {
  return { network, runtime, port: 'unix' as const };
}

async function failure(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (e instanceof PyException) return e.line;
  throw new Error(`expected a PyException, got ${String(e)}`);
}

describe('status line', () => {
  it('an empty response → BadStatusLine with the split list', async () => {
    const net = new FakeNetwork().route(A, new Uint8Array(0));
    expect(await failure(httpGet(A, ctx(net)))).toBe('ValueError: HTTP error: BadStatusLine:\n[]');
  });

  it('one token → the list of bytes in the message', async () => {
    const net = new FakeNetwork().route(A, bytes('HTTP/1.1\r\n\r\n'));
    expect(await failure(httpGet(A, ctx(net)))).toBe("ValueError: HTTP error: BadStatusLine:\n[b'HTTP/1.1']");
  });

  it('a status without reason is accepted', async () => {
    const net = new FakeNetwork().route(A, bytes('HTTP/1.0 204\r\n\r\n'));
    expect((await httpGet(A, ctx(net))).status).toBe(204);
  });
});

describe('headers', () => {
  it('a header line without ":" → unpacking ValueError', async () => {
    const net = new FakeNetwork().route(A, bytes('HTTP/1.1 200 OK\r\nBogus\r\n\r\n'));
    expect(await failure(httpGet(A, ctx(net)))).toBe('ValueError: need more than 1 values to unpack');
  });

  it('released clients reject chunked with the raw header line in the text', async () => {
    const net = new FakeNetwork().route(A, httpResponse(200, '', { headers: [['Transfer-Encoding', 'chunked']], contentLength: false }));
    expect(await failure(httpGet(A, ctx(net, '1.27.0')))).toBe('ValueError: Unsupported Transfer-Encoding: chunked\r\n');
  });

  it('master decodes chunked bodies', async () => {
    const raw = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n';
    const net = new FakeNetwork().route(A, bytes(raw));
    expect(text((await httpGet(A, ctx(net, 'master'))).body)).toBe('abcde');
  });
});

describe('body', () => {
  it('released clients read to EOF and ignore Content-Length: a truncated body is silently short', async () => {
    const raw = 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort';
    const net = new FakeNetwork().route(A, bytes(raw));
    expect(text((await httpGet(A, ctx(net))).body)).toBe('short');
  });

  it('master bounds the body by Content-Length: short → ValueError', async () => {
    const raw = 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort';
    const net = new FakeNetwork().route(A, bytes(raw));
    const r = await httpGet(A, ctx(net, 'master'));
    expect(() => r.body).toThrow('Connection closed before body complete');
  });

  it('a connection left open blocks the body read forever (HangError) on released clients', async () => {
    const net = new FakeNetwork().route(A, { bytes: httpResponse(200, '{}'), end: 'hang' });
    const r = await httpGet(A, ctx(net));
    expect(r.status).toBe(200);
    expect(() => r.json()).toThrow(HangError);
  });

  it('master stops at Content-Length, so an open connection does not hang', async () => {
    const net = new FakeNetwork().route(A, { bytes: httpResponse(200, '{}'), end: 'hang' });
    expect(text((await httpGet(A, ctx(net, 'master'))).body)).toBe('{}');
  });

  it('headers that never end hang in httpGet itself', async () => {
    const net = new FakeNetwork().route(A, { bytes: bytes('HTTP/1.1 200 OK\r\nX: y\r\n'), end: 'hang' });
    await expect(httpGet(A, ctx(net))).rejects.toBeInstanceOf(HangError);
  });
});

describe('redirects', () => {
  it('follows an absolute Location on 302', async () => {
    const net = new FakeNetwork()
      .route(A, httpResponse(302, '', { headers: [['Location', B]] }))
      .ok(B, 'moved');
    const r = await httpGet(A, ctx(net));
    expect(text(r.body)).toBe('moved');
    expect(net.requests.map((q) => q.url)).toEqual([A, B]);
  });

  it('lower-case location is not recognised until master', async () => {
    const make = () =>
      new FakeNetwork().route(A, httpResponse(302, '', { headers: [['location', B]] })).ok(B, 'moved');
    expect((await httpGet(A, ctx(make(), '1.27.0'))).status).toBe(302);
    expect((await httpGet(A, ctx(make(), 'master'))).status).toBe(200);
  });

  it('a relative Location is fed back as a URL on released clients', async () => {
    const deep = new FakeNetwork().route(A, httpResponse(301, '', { headers: [['Location', '/o/r/b/x.py']] }));
    expect(await failure(httpGet(A, ctx(deep, '1.25.0')))).toBe('ValueError: Unsupported protocol: ');
    const shallow = new FakeNetwork().route(A, httpResponse(301, '', { headers: [['Location', '/x']] }));
    expect(await failure(httpGet(A, ctx(shallow, '1.25.0')))).toBe('ValueError: need more than 2 values to unpack');
  });

  it('master resolves a relative Location against proto//host:port', async () => {
    const net = new FakeNetwork()
      .route(A, httpResponse(301, '', { headers: [['Location', '/o/r/b/x.py']] }))
      .ok('https://a.example/o/r/b/x.py', 'x');
    await httpGet(A, ctx(net, 'master'));
    expect(net.requests[1]).toMatchObject({ host: 'a.example', port: 443, path: '/o/r/b/x.py' });
  });

  it('a Location with a status outside 301/302/303/307/308 → NotImplementedError', async () => {
    const net = new FakeNetwork().route(A, httpResponse(404, '', { headers: [['Location', B]] }));
    expect(await failure(httpGet(A, ctx(net)))).toBe('NotImplementedError: Redirect 404 not yet supported');
  });

  it('Location on a 2xx is ignored', async () => {
    const net = new FakeNetwork().route(A, httpResponse(200, 'here', { headers: [['Location', B]] }));
    expect(text((await httpGet(A, ctx(net))).body)).toBe('here');
  });

  it('v1.24 (requests 0.10.0) re-sends the first Host header to the redirect target', async () => {
    const net = new FakeNetwork().route(A, httpResponse(302, '', { headers: [['Location', B]] })).ok(B, 'moved');
    await httpGet(A, ctx(net, '1.24.1'));
    expect(net.requests[1]!.host).toBe('b.example');
    expect(net.requests[1]!.headers).toEqual([['Connection', 'close'], ['Host', 'a.example']]);
  });

  it('v1.25 (requests 0.10.2) sends the new host', async () => {
    const net = new FakeNetwork().route(A, httpResponse(302, '', { headers: [['Location', B]] })).ok(B, 'moved');
    await httpGet(A, ctx(net, '1.25.0'));
    expect(net.requests[1]!.headers).toEqual([['Connection', 'close'], ['Host', 'b.example']]);
  });

  it('v1.22 (requests 0.8.1) writes the new host too', async () => {
    const net = new FakeNetwork().route(A, httpResponse(307, '', { headers: [['Location', B]] })).ok(B, 'moved');
    await httpGet(A, ctx(net, '1.22.2'));
    expect(net.requests[1]!.headers).toEqual([['Host', 'b.example'], ['Connection', 'close']]);
  });

  it('a redirect loop ends in the recursion limit', async () => {
    const net = new FakeNetwork().route(A, httpResponse(302, '', { headers: [['Location', A]] }));
    expect(await failure(httpGet(A, ctx(net)))).toBe('RuntimeError: maximum recursion depth exceeded');
  });
});
