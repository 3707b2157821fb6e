import { describe, expect, it } from 'vitest';
import { get, header, worldOf } from './exchangeHelpers.ts';

const INDEX = 'https://micropython.org/pi/v2';
const LATEST = `${INDEX}/package/6/a/latest.json`;
const index = { packages: { a: { versions: { '1.0': { files: { 'a.py': 'A = 1\n' } } } } } };
const withFaults = (faults: unknown[], extra: Record<string, unknown> = {}) => worldOf({ index, faults, ...extra });

describe('faults: response overrides', () => {
  it('overrides the status, for the first `times` requests only', async () => {
    const world = await withFaults([{ on: { url: LATEST }, status: 500, times: 1 }]);
    const first = await get(world, LATEST);
    expect(first.statusLine).toBe('HTTP/1.1 500 Internal Server Error');
    expect(first.text).toContain('"hashes"');
    expect((await get(world, LATEST)).status).toBe(200);
    expect(world.log.map((r) => r.status)).toEqual([500, 200]);
  });

  it('redirects with the Location header spelled as asked', async () => {
    const world = await withFaults([{ on: { url: LATEST }, redirect: { location: 'https://mirror.example/x.json', headerName: 'location', status: 301 } }]);
    const res = await get(world, LATEST);
    expect(res.statusLine).toBe('HTTP/1.1 301 Moved Permanently');
    expect(res.headers).toContainEqual(['location', 'https://mirror.example/x.json']);
    expect(res.headers.some(([n]) => n === 'Location')).toBe(false);
  });

  it('replaces the body', async () => {
    const world = await withFaults([{ on: { url: LATEST }, body: { json: { v: 1, hashes: [] } } }]);
    expect((await get(world, LATEST)).text).toBe('{"v":1,"hashes":[]}');
  });

  it('sends a cut JSON text for invalidJson', async () => {
    const world = await withFaults([{ on: { url: LATEST }, invalidJson: true }]);
    const res = await get(world, LATEST);
    expect(res.status).toBe(200);
    expect(header(res, 'Content-Type')).toBe('application/json');
    expect(res.text.startsWith('{"v":1,"hashes":')).toBe(true);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('sends an HTML page with 200 for htmlPage', async () => {
    const world = await withFaults([{ on: { url: LATEST }, htmlPage: true }]);
    const res = await get(world, LATEST);
    expect(res.status).toBe(200);
    expect(header(res, 'Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('answers a URL no route declares, counting it as matched', async () => {
    const world = await withFaults([{ on: { url: 'https://down.example/x.py' }, status: 503 }]);
    expect((await get(world, 'https://down.example/x.py')).status).toBe(503);
    expect(world.unmatched()).toEqual([]);
  });
});

describe('faults: wire level', () => {
  it('frames the body chunked', async () => {
    const world = await withFaults([{ on: { url: LATEST }, chunked: true }]);
    const res = await get(world, LATEST);
    expect(header(res, 'Transfer-Encoding')).toBe('chunked');
    expect(header(res, 'Content-Length')).toBeUndefined();
    expect(res.text).toMatch(/^[0-9a-f]+\r\n\{"v":1.*\r\n0\r\n\r\n$/s);
  });

  it('sends a wrong Content-Length, or none', async () => {
    const wrong = await withFaults([{ on: { url: LATEST }, contentLength: 3 }]);
    expect(header(await get(wrong, LATEST), 'Content-Length')).toBe('3');
    const omitted = await withFaults([{ on: { url: LATEST }, contentLength: 'omit' }]);
    const res = await get(omitted, LATEST);
    expect(header(res, 'Content-Length')).toBeUndefined();
    expect(res.text).toContain('"hashes"');
  });

  it('truncates the body and logs the bytes actually sent', async () => {
    const world = await withFaults([{ on: { url: LATEST }, truncateAt: 5 }]);
    const res = await get(world, LATEST);
    expect(res.text).toBe('{"v":');
    expect(Number(header(res, 'Content-Length'))).toBeGreaterThan(5);
    expect(world.log[0]!.bytes).toBe(5);
  });

  it('keeps the connection open for neverClose', async () => {
    const world = await withFaults([{ on: { url: LATEST }, neverClose: true }]);
    expect((await get(world, LATEST)).end).toBe('hang');
  });
});

describe('faults: selectors', () => {
  it('matches a regular expression on the full URL', async () => {
    const world = await withFaults([{ on: { match: '/file/' }, status: 403 }]);
    expect((await get(world, LATEST)).status).toBe(200);
    const hashes = JSON.parse((await get(world, LATEST)).text).hashes as string[][];
    const [, h] = hashes[0]!;
    expect((await get(world, `${INDEX}/file/${h!.slice(0, 2)}/${h}`)).status).toBe(403);
  });

  it('targets an index file in every tree with indexFile', async () => {
    const world = await withFaults([{ on: { indexFile: { package: 'a', path: 'a.py' } }, status: 404 }]);
    for (const tree of ['6', 'py']) {
      const [, h] = (JSON.parse((await get(world, `${INDEX}/package/${tree}/a/latest.json`)).text).hashes as string[][])[0]!;
      expect((await get(world, `${INDEX}/file/${h!.slice(0, 2)}/${h}`)).status, tree).toBe(404);
    }
  });

  it('rejects an indexFile naming a file the package lacks', async () => {
    await expect(withFaults([{ on: { indexFile: { package: 'a', path: 'nope.py' } }, status: 404 }])).rejects.toThrow(/no file "nope.py"/);
  });

  it('first declared fault with times left wins', async () => {
    const world = await withFaults([
      { on: { url: LATEST }, status: 500, times: 1 },
      { on: { match: 'latest' }, status: 429, times: 1 },
    ]);
    expect((await get(world, LATEST)).status).toBe(500);
    expect((await get(world, LATEST)).status).toBe(429);
    expect((await get(world, LATEST)).status).toBe(200);
  });
});

describe('faults: dnsFailure', () => {
  it('makes the host unresolvable, for `times` look-ups, and records no request', async () => {
    const world = await withFaults([{ on: { url: LATEST }, dnsFailure: true, times: 2 }]);
    expect(world.resolves('micropython.org')).toBe(false);
    expect(world.resolves('raw.githubusercontent.com')).toBe(true);
    expect(world.resolves('micropython.org')).toBe(false);
    expect(world.resolves('micropython.org')).toBe(true);
    expect(world.log).toEqual([]);
  });

  it('applies to hosts a regex matches', async () => {
    const world = await withFaults([{ on: { match: '^https://micropython\\.org/' }, dnsFailure: true }]);
    expect(world.resolves('micropython.org')).toBe(false);
    expect(world.resolves('pypi.org')).toBe(true);
  });
});
