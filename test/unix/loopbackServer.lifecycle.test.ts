import { describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { FakeNetwork } from './fakeNetwork.ts';

describe('LoopbackServer lifecycle', () => {
  it('start() twice returns the same ports; stop() twice is fine', async () => {
    const server = new LoopbackServer(new FakeNetwork({}));
    const a = await server.start();
    const b = await server.start();
    expect(b).toEqual(a);
    expect(a.httpPort).not.toBe(a.httpsPort);
    await server.stop();
    await server.stop();
    expect(server.listening).toBe(false);
  });

  it('stop() before start() resolves, and start() after stop() rejects with advice', async () => {
    const server = new LoopbackServer(new FakeNetwork({}));
    await server.stop();
    await expect(server.start()).rejects.toThrow(/create a new LoopbackServer/);
  });

  it('rejects a device port listed twice', async () => {
    const server = new LoopbackServer(new FakeNetwork({}), { extraPorts: [{ port: 443, scheme: 'http' }] });
    await expect(server.start()).rejects.toThrow(/device port 443 listed twice/);
    await server.stop();
    expect(server.listening).toBe(false);
  });
});
