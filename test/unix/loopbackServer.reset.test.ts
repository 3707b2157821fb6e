// `end: 'reset'` (a plain request to a TLS-only port, see src/world/tlsPorts.ts) reaches a real
// client as a TCP reset: its read fails with ECONNRESET instead of seeing an orderly end.
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { worldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { rawExchange } from './rawClient.ts';

describe('LoopbackServer: a reset response', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.stop());

  it('resets the connection after reading the request', async () => {
    const network = new FakeNetwork({ 'http://micropython.org/pi/p/json': { raw: new Uint8Array(0), end: 'reset' } });
    server = new LoopbackServer(network);
    const { httpPort } = await server.start();
    const err = await rawExchange(httpPort, ['GET /pi/p/json HTTP/1.0\r\nHost: micropython.org:443\r\n\r\n']).catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    expect(network.requests.map((r) => r.url)).toEqual(['http://micropython.org/pi/p/json']);
    expect(server.problems).toEqual([]);
  });

  it('a plain request the shim connected to device port 443 is reset by the world (upip\'s http:// index)', async () => {
    const world = await createWorld(worldSpec.parse({ http: { 'http://micropython.org/pi/p/json': '{}' } }));
    server = new LoopbackServer(world);
    const { httpPort } = await server.start();
    const request = 'MIPRIG-CONNECT micropython.org 443\r\nGET /pi/p/json HTTP/1.0\r\nHost: micropython.org:443\r\n\r\n';
    const err = await rawExchange(httpPort, [request]).catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    expect(world.log).toMatchObject([{ url: 'http://micropython.org/pi/p/json', status: 0, noResponse: 'reset' }]);
  });
});
