// upip 1.19.1 connects to port 443 for an `http://` index URL and writes plain HTTP (tools/upip.py
// `url_open`: `port = 443`, TLS only for "https:"); a TLS-only server resets the connection.
import { describe, expect, it } from 'vitest';
import type { WireRequest } from '../../src/net/wire.ts';
import { worldSpec } from '../../src/scenario/schema.ts';
import { tlsPorts } from '../../src/world/tlsPorts.ts';
import { getRequest, worldOf } from './exchangeHelpers.ts';

const plainTo = (url: string, port: number): WireRequest => ({ ...getRequest(url), port, headers: [['Host', `${new URL(url).hostname}:${port}`]] });

describe('a plain request to a TLS port', () => {
  it('port 443 speaks TLS on every host; a declared URL says what its own port speaks', () => {
    const tls = tlsPorts(worldSpec.parse({ http: { 'https://h.example:8443/a': 'a', 'http://h.example:443/b': 'b', 'http://h.example:8080/c': 'c' } }));
    expect(tls.speaksTls('micropython.org', 443)).toBe(true);
    expect(tls.speaksTls('micropython.org', 80)).toBe(false);
    expect(tls.speaksTls('H.example', 8443)).toBe(true);
    expect(tls.speaksTls('h.example', 443)).toBe(false);
    expect(tls.speaksTls('h.example', 8080)).toBe(false);
  });

  it('is reset before any routing, and logged as reset', async () => {
    const url = 'http://micropython.org/pi/micropython-foo/json';
    const world = await worldOf({ http: { [url]: '{}' } });
    expect(await world.exchange(plainTo(url, 443))).toEqual({ bytes: new Uint8Array(0), end: 'reset' });
    expect(world.log).toEqual([
      { method: 'GET', url, status: 0, noResponse: 'reset', bytes: 0, headers: [['Host', 'micropython.org:443']], matched: true },
    ]);
  });

  it('on port 80, or on a port a declared http:// URL names, is answered', async () => {
    const url = 'http://micropython.org/pi/micropython-foo/json';
    const world = await worldOf({ http: { [url]: '{}', 'http://micropython.org:8443/other': 'x' } });
    expect((await world.exchange(plainTo(url, 80))).end).toBe('close');
    expect((await world.exchange(plainTo(url, 8443))).end).toBe('close');
    expect(world.log.map((r) => r.status)).toEqual([200, 200]);
  });

  it('a TLS request to port 443 is answered as before', async () => {
    const world = await worldOf({ http: { 'https://micropython.org/x': 'x' } });
    expect((await world.exchange(getRequest('https://micropython.org/x'))).end).toBe('close');
  });
});
