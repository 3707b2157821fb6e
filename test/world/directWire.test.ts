// Issue "Real binaries as they are", item 10: the loopback path may answer from the route tables
// directly (no fetch Request/Response per request) only if the bytes are identical to what the
// msw handlers give. Every request every shipped scenario makes (as the virtual device runs it,
// pinned to each version the binaries cover) is replayed through both kinds of world, in order.
import { describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import type { WireRequest } from '../../src/net/wire.ts';

const scenarios = await loadAll(['scenarios']);
const VERSIONS = [undefined, '1.19.1', '1.20.0', '1.22.2', '1.24.1', '1.27.0'];

let replayed = 0;

describe('direct answers from the route tables equal the msw handlers, byte for byte', () => {
  for (const scenario of scenarios) {
    it(scenario.file, async () => {
      for (const version of VERSIONS) {
        const backend = new VirtualBackend(version);
        if (backend.skipReason(scenario) !== undefined) continue;
        const obs = await backend.run(scenario);
        const viaMsw = await createWorld(scenario.spec.world);
        const direct = await createWorld(scenario.spec.world, { direct: true });
        for (const record of obs.requests) {
          const url = new URL(record.url);
          const request: WireRequest = {
            method: record.method,
            url: record.url,
            scheme: url.protocol === 'https:' ? 'https' : 'http',
            host: url.hostname,
            port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
            path: url.pathname + url.search,
            headers: record.headers,
            httpVersion: '1.0',
          };
          const [a, b] = [await viaMsw.exchange(request), await direct.exchange(request)];
          expect({ bytes: Buffer.from(b.bytes).toString('latin1'), end: b.end }).toEqual({ bytes: Buffer.from(a.bytes).toString('latin1'), end: a.end });
          replayed++;
        }
        expect(direct.log).toEqual(viaMsw.log);
      }
    });
  }
  it('the replay covered the corpus (hundreds of requests, not a handful)', () => {
    expect(replayed).toBeGreaterThan(500);
  });
});

describe('the direct path is taken where it applies, and only there', () => {
  const spec = scenarios.find((s) => s.file.endsWith('mip/index-latest.yaml'))!.spec.world;
  const request: WireRequest = {
    method: 'GET',
    url: 'https://micropython.org/pi/v2/package/6/hello/latest.json',
    scheme: 'https',
    host: 'micropython.org',
    port: 443,
    path: '/pi/v2/package/6/hello/latest.json',
    headers: [['Host', 'micropython.org']],
    httpVersion: '1.0',
  };
  it('a world without faults answers without running any msw handler', async () => {
    const world = await createWorld(spec, { direct: true });
    const runs = world.handlers.map((h) => h.run);
    for (const h of world.handlers) h.run = () => Promise.reject(new Error('msw was asked'));
    try {
      const answer = await world.exchange(request);
      expect(Buffer.from(answer.bytes).toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    } finally {
      world.handlers.forEach((h, i) => (h.run = runs[i]!));
    }
  });
  it('without the option, msw answers', async () => {
    const world = await createWorld(spec);
    const runs = world.handlers.map((h) => h.run);
    for (const h of world.handlers) h.run = () => Promise.reject(new Error('msw was asked'));
    try {
      await expect(world.exchange(request)).rejects.toThrow('msw was asked');
    } finally {
      world.handlers.forEach((h, i) => (h.run = runs[i]!));
    }
  });
});
