// The launcher's per-look-up DNS query (`MIPRIG-RESOLVE <host>`): answered from the world's
// `resolves`, after the world is built, never logged as a request, and a world that fails to
// build closes the query instead of leaving the binary waiting or crashing the harness.
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { pendingNetwork } from '../../harness/unix/pendingNetwork.ts';
import type { Network } from '../../src/net/Network.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { rawExchange } from './rawClient.ts';

const query = (host: string): string[] => [`MIPRIG-RESOLVE ${host}\r\n\r\n`];

describe('LoopbackServer DNS query', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.stop());

  it('answers 1 for a host that resolves and 0 for one a fault fails, and logs no request', async () => {
    const network = new FakeNetwork({}, ['down.example']);
    server = new LoopbackServer(network);
    const { httpPort } = await server.start();
    expect((await rawExchange(httpPort, query('micropython.org'))).toString()).toBe('1');
    expect((await rawExchange(httpPort, query('down.example'))).toString()).toBe('0');
    expect(network.requests).toEqual([]);
    expect(network.log).toEqual([]);
  });

  it('waits for a world still being built instead of answering "resolves" early', async () => {
    let finish!: (n: Network) => void;
    const building = new Promise<Network>((resolve) => (finish = resolve));
    server = new LoopbackServer(pendingNetwork(() => building));
    const { httpPort } = await server.start();
    const answer = rawExchange(httpPort, query('down.example'));
    await new Promise((r) => setTimeout(r, 20));
    finish(new FakeNetwork({}, ['down.example']));
    expect((await answer).toString()).toBe('0');
  });

  it('closes the query and records the problem when the world fails to build', async () => {
    const failing = Promise.reject(new Error('world.index: bad hash prefix'));
    failing.catch(() => undefined);
    server = new LoopbackServer(pendingNetwork(() => failing));
    const { httpPort } = await server.start();
    expect((await rawExchange(httpPort, query('micropython.org'))).length).toBe(0);
    expect(server.problems).toEqual(['answering a DNS query failed: world.index: bad hash prefix']);
  });
});
