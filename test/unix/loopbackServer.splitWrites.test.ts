import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { rawExchange } from './rawClient.ts';

describe('LoopbackServer reassembles a request head sent in many small writes', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.stop());

  for (const tls of [false, true]) {
    it(`one byte per write over ${tls ? 'HTTPS' : 'HTTP'}, upip-style Host with port`, async () => {
      const network = new FakeNetwork({ [`${tls ? 'https' : 'http'}://pypi.org/pypi/x/json`]: { body: '{}' } });
      server = new LoopbackServer(network);
      const ports = await server.start();
      const head = 'GET /pypi/x/json HTTP/1.0\r\nHost: pypi.org:443\r\n\r\n';
      const reply = await rawExchange(tls ? ports.httpsPort : ports.httpPort, head.split(''), { tls, pauseMs: 1 });
      expect(reply.toString()).toBe('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}');
      expect(network.requests[0]).toMatchObject({ host: 'pypi.org', path: '/pypi/x/json', headers: [['Host', 'pypi.org:443']] });
    });
  }
});
