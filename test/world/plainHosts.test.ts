import { describe, expect, it } from 'vitest';
import { get, header, worldOf } from './exchangeHelpers.ts';

describe('plain hosts (world.http)', () => {
  it('serves a body with a Content-Type from the extension', async () => {
    const world = await worldOf({ http: { 'https://example.org/pkg/package.json': { json: { urls: [['a.py', 'a.py']] } } } });
    const res = await get(world, 'https://example.org/pkg/package.json');
    expect(res.status).toBe(200);
    expect(header(res, 'Content-Type')).toBe('application/json');
    expect(res.text).toBe('{"urls":[["a.py","a.py"]]}');
  });

  it('serves a full response: status and headers in declared order', async () => {
    const world = await worldOf({
      http: { 'http://example.org/x.py?raw=1': { status: 503, headers: { 'Retry-After': '5', 'Content-Type': 'text/x-python' }, body: 'busy' } },
    });
    const res = await get(world, 'http://example.org/x.py?raw=1');
    expect(res.statusLine).toBe('HTTP/1.1 503 Service Unavailable');
    expect(res.headers.slice(0, 2)).toEqual([
      ['Retry-After', '5'],
      ['Content-Type', 'text/x-python'],
    ]);
    expect(res.text).toBe('busy');
  });

  it('owns only the declared URLs of a host', async () => {
    const world = await worldOf({ http: { 'https://example.org/a.py': 'a' } });
    expect((await get(world, 'https://example.org/b.py')).status).toBe(404);
    expect(world.unmatched().map((r) => r.url)).toEqual(['https://example.org/b.py']);
  });

  it('overrides an index URL when both declare it', async () => {
    const world = await worldOf({
      index: { packages: { a: { versions: { '1.0': { files: { 'a.py': '' } } } } } },
      http: { 'https://micropython.org/pi/v2/package/6/a/latest.json': { status: 500 } },
    });
    expect((await get(world, 'https://micropython.org/pi/v2/package/6/a/latest.json')).status).toBe(500);
  });
});
