import { describe, expect, it } from 'vitest';
import { httpGet } from '../../src/net/httpClient.ts';
import { PyException } from '../../src/py/PyException.ts';
import { FakeNetwork, httpResponse } from '../installers/fakes.ts';

const URL_ = 'https://example.org/a/b.json';

async function requestOn(runtime: string, url = URL_) {
  const net = new FakeNetwork().ok(url.replace(':8443', ''), '{}');
  await httpGet(url, { network: net, runtime, port: 'unix' });
  return net.requests[0]!;
}

describe('request line and headers per released client', () => {
  it('urequests 0.7.0 (v1.20): HTTP/1.0, Host then Connection', async () => {
    const r = await requestOn('1.20.0');
    expect(r).toMatchObject({ method: 'GET', scheme: 'https', host: 'example.org', port: 443, path: '/a/b.json', httpVersion: '1.0' });
    expect(r.headers).toEqual([['Host', 'example.org'], ['Connection', 'close']]);
    expect(r.url).toBe(URL_);
  });

  it('requests 0.10.x (v1.24+): headers come from a dict whose hash order puts Connection first', async () => {
    for (const v of ['1.24.1', '1.25.0', '1.27.0']) {
      const r = await requestOn(v);
      expect(r.headers).toEqual([['Connection', 'close'], ['Host', 'example.org']]);
      expect(r.httpVersion).toBe('1.0');
    }
  });

  it('requests 1.1.1 (master) speaks HTTP/1.1', async () => {
    expect((await requestOn('master')).httpVersion).toBe('1.1');
  });

  it('host:port is honoured for the connection; the Host header has no port', async () => {
    const r = await requestOn('1.22.2', 'https://example.org:8443/a/b.json');
    expect(r.port).toBe(8443);
    expect(r.headers[0]).toEqual(['Host', 'example.org']);
  });

  it('a URL without a path requests "/"', async () => {
    const net = new FakeNetwork().ok('http://example.org/', 'x');
    await httpGet('http://example.org', { network: net, runtime: '1.22.2', port: 'unix' });
    expect(net.requests[0]).toMatchObject({ path: '/', port: 80, scheme: 'http' });
  });

  it('master moves ?query right after the host into the path', async () => {
    const net = new FakeNetwork().ok('https://example.org/?x=1', 'x');
    await httpGet('https://example.org?x=1', { network: net, runtime: 'master', port: 'unix' });
    expect(net.requests[0]!.path).toBe('/?x=1');
  });
});

describe('URL errors raised before any request', () => {
  const cases: Array<[string, string]> = [
    ['ftp://h/x.py', 'ValueError: Unsupported protocol: ftp:'],
    ['a/b/c/d.py', 'ValueError: Unsupported protocol: a'],
    ['/o/r/b/x.py', 'ValueError: Unsupported protocol: '],
    ['x.py', 'ValueError: need more than 1 values to unpack'],
    ['dir/x.py', 'ValueError: need more than 2 values to unpack'],
    ['https://h:abc/x', "ValueError: invalid syntax for integer with base 10: 'abc'"],
  ];
  for (const [url, line] of cases) {
    it(`${url} → ${line}`, async () => {
      const net = new FakeNetwork();
      const err = await httpGet(url, { network: net, runtime: '1.22.2', port: 'unix' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PyException);
      expect((err as PyException).line).toBe(line);
      expect(net.requests).toHaveLength(0);
    });
  }

  it('NORMAL error reporting (esp32) does not quote the bad port', async () => {
    const err = await httpGet('https://h:abc/x', { network: new FakeNetwork(), runtime: '1.22.2', port: 'esp32' }).catch((e: unknown) => e);
    expect((err as PyException).line).toBe('ValueError: invalid syntax for integer with base 10');
  });
});

describe('DNS failure: the OSError of the port', () => {
  for (const [port, line] of [
    ['unix', 'OSError: [addrinfo error -2]'],
    ['esp32', 'OSError: -202'],
    ['rp2', 'OSError: -2'],
  ] as const) {
    it(`${port} → ${line}`, async () => {
      const net = new FakeNetwork();
      net.unresolvable.add('example.org');
      net.route(URL_, httpResponse(200, '{}'));
      const err = await httpGet(URL_, { network: net, runtime: '1.22.2', port }).catch((e: unknown) => e);
      expect((err as PyException).line).toBe(line);
      expect(net.requests).toHaveLength(0);
    });
  }
});
