import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { FakeNetwork } from './fakeNetwork.ts';

describe('LoopbackServer: a `hang` response holds the connection until stop()', () => {
  it('stop() destroys the hanging socket, closes the listeners and leaves nothing open', async () => {
    const body = new TextEncoder().encode('HTTP/1.0 200 OK\r\n\r\npartial');
    const server = new LoopbackServer(new FakeNetwork({ 'http://h/x': { raw: body, end: 'hang' } }));
    const { httpPort } = await server.start();
    const client = net.connect({ host: '127.0.0.1', port: httpPort });
    const received: Buffer[] = [];
    client.on('data', (d: Buffer) => received.push(d));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.write('GET /x HTTP/1.0\r\nHost: h\r\n\r\n');
    await new Promise<void>((resolve) => {
      const poll = (): void => (Buffer.concat(received).length >= body.length ? resolve() : void setTimeout(poll, 5));
      poll();
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(client.destroyed).toBe(false); // still hanging: the server did not close it
    expect(server.openSockets).toBe(1);
    expect(server.listening).toBe(true);

    await server.stop();
    await closed;
    expect(server.openSockets).toBe(0);
    expect(server.listening).toBe(false);
    expect(Buffer.concat(received).toString()).toBe('HTTP/1.0 200 OK\r\n\r\npartial');
  });

  it('stop() also ends a TLS connection stuck before the handshake', async () => {
    const server = new LoopbackServer(new FakeNetwork({}));
    const { httpsPort } = await server.start();
    const client = net.connect({ host: '127.0.0.1', port: httpsPort }); // never sends a ClientHello
    client.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    await new Promise((r) => setTimeout(r, 20));
    expect(server.openSockets).toBeGreaterThan(0);
    await server.stop();
    await closed;
    expect(server.openSockets).toBe(0);
    expect(server.listening).toBe(false);
  });
});
