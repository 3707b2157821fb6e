import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { rawExchange } from './rawClient.ts';

// Bytes no HTTP library would produce on its own: a lying Content-Length and a bare-LF header.
const FAULTY = new Uint8Array([...Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 999\nX: y\r\n\r\nbody\x00\xff')]);

describe('LoopbackServer over plain HTTP', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.stop());

  it('writes the network\'s bytes verbatim and routes on the Host header', async () => {
    const network = new FakeNetwork({ 'http://example.com/x.py': { raw: FAULTY } });
    server = new LoopbackServer(network);
    const { httpPort } = await server.start();
    const reply = await rawExchange(httpPort, ['GET /x.py HTTP/1.0\r\nHost: example.com\r\nConnection: close\r\n\r\n']);
    expect(new Uint8Array(reply)).toEqual(FAULTY);
    expect(network.requests).toEqual([
      {
        method: 'GET',
        url: 'http://example.com/x.py',
        scheme: 'http',
        host: 'example.com',
        port: 80,
        path: '/x.py',
        headers: [['Host', 'example.com'], ['Connection', 'close']],
        httpVersion: '1.0',
      },
    ]);
  });

  it('answers an unknown URL with whatever the network says (404 here)', async () => {
    server = new LoopbackServer(new FakeNetwork({}));
    const { httpPort } = await server.start();
    const reply = await rawExchange(httpPort, ['GET /nope HTTP/1.0\r\nHost: a.b\r\n\r\n']);
    expect(reply.toString('latin1')).toMatch(/^HTTP\/1\.0 404 /);
  });
});
