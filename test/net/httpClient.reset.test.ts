// A connection reset before the response: `s.readline()` raises OSError(ECONNRESET), which
// requests re-raises after closing the socket (`except OSError: s.close(); raise`, e.g. 0.10.2
// lines 179-181). mip reaches a TLS port over plain HTTP only with an explicit `http://h:443/`.
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/py/PyException.ts';
import { httpGet } from '../../src/net/httpClient.ts';
import { worldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';

describe('a reset connection', () => {
  for (const runtime of ['1.20.0', '1.24.1', '1.27.0', 'master']) {
    it(`${runtime}: OSError: [Errno 104] ECONNRESET for http://host:443/`, async () => {
      const world = await createWorld(worldSpec.parse({ http: { 'http://example.com/tool.py': 'X = 1\n' } }));
      const err = await httpGet('http://example.com:443/tool.py', { network: world, runtime, port: 'unix' }).catch((e: unknown) => e);
      expect((err as PyException).line).toBe('OSError: [Errno 104] ECONNRESET');
      expect((err as PyException).errno).toBe(104);
      expect(world.log).toMatchObject([{ url: 'http://example.com/tool.py', status: 0, noResponse: 'reset' }]);
    });
  }

  it('http:// on port 80 is answered', async () => {
    const world = await createWorld(worldSpec.parse({ http: { 'http://example.com/tool.py': 'X = 1\n' } }));
    expect((await httpGet('http://example.com/tool.py', { network: world, runtime: '1.27.0', port: 'unix' })).status).toBe(200);
  });
});
