import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { rawExchange } from './rawClient.ts';

describe('LoopbackServer over HTTPS (self-signed)', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.stop());

  it('completes a TLS handshake and writes the network\'s bytes verbatim', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff); // several TLS records
    const head = new TextEncoder().encode('HTTP/1.0 200 OK\r\n\r\n');
    const network = new FakeNetwork({ 'https://micropython.org/pi/v2/index.json': { raw: new Uint8Array([...head, ...bytes]) } });
    server = new LoopbackServer(network);
    const { httpsPort } = await server.start();
    const reply = await rawExchange(httpsPort, ['GET /pi/v2/index.json HTTP/1.0\r\nHost: micropython.org\r\n\r\n'], {
      tls: true,
      servername: 'micropython.org',
    });
    expect(new Uint8Array(reply)).toEqual(new Uint8Array([...head, ...bytes]));
    expect(network.requests[0]).toMatchObject({ scheme: 'https', port: 443, host: 'micropython.org', url: 'https://micropython.org/pi/v2/index.json' });
    expect(server.timings[0]?.handshakeMs).toBeTypeOf('number');
  });

  it('serves an extra device port with its own scheme and reports it in portMap', async () => {
    const network = new FakeNetwork({ 'https://h.example/x': { body: 'ok' } });
    server = new LoopbackServer(network, { extraPorts: [{ port: 8443, scheme: 'https' }] });
    const { portMap } = await server.start();
    expect(Object.keys(portMap).map(Number).sort((a, b) => a - b)).toEqual([80, 443, 8443]);
    const reply = await rawExchange(portMap[8443] as number, ['GET /x HTTP/1.0\r\nHost: h.example\r\n\r\n'], { tls: true });
    expect(reply.toString()).toMatch(/\r\n\r\nok$/);
    expect(network.requests[0]?.port).toBe(8443);
  });
});
