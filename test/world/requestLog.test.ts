import { describe, expect, it } from 'vitest';
import { get, getRequest, worldOf } from './exchangeHelpers.ts';

describe('request log and strictness', () => {
  it('records every exchange with method, url, status, body bytes, headers and matched', async () => {
    const world = await worldOf({ http: { 'https://example.org/a.py': 'abc' } });
    await get(world, 'https://example.org/a.py');
    expect(world.log).toEqual([
      { method: 'GET', url: 'https://example.org/a.py', status: 200, bytes: 3, headers: getRequest('https://example.org/a.py').headers, matched: true },
    ]);
  });

  it('answers an undeclared URL with a 404 naming it, recorded as unmatched', async () => {
    const world = await worldOf({});
    const res = await get(world, 'https://nowhere.example/x.py');
    expect(res.status).toBe(404);
    expect(res.text).toContain("GET https://nowhere.example/x.py is not declared in the scenario's world");
    expect(world.unmatched()).toEqual([world.log[0]]);
    expect(world.log[0]!.matched).toBe(false);
  });

  it('exposes world.strict', async () => {
    expect((await worldOf({})).strict).toBe(true);
    expect((await worldOf({ strict: false })).strict).toBe(false);
  });

  it('every host resolves unless a fault says otherwise', async () => {
    expect((await worldOf({})).resolves('anything.example')).toBe(true);
  });
});
