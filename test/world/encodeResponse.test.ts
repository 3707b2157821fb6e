import { describe, expect, it } from 'vitest';
import { encodeResponse, sentBodyBytes } from '../../src/net/encodeResponse.ts';
import type { WireResponse } from '../../src/net/wire.ts';

const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const res = (over: Partial<WireResponse> = {}): WireResponse => ({
  status: 200,
  reason: 'OK',
  headers: [['Content-Type', 'text/plain']],
  body: new TextEncoder().encode('hello world'),
  framing: 'length',
  ...over,
});

describe('encodeResponse', () => {
  it('writes status line, headers in order, Content-Length and Connection: close', () => {
    const enc = encodeResponse(res());
    expect(text(enc.bytes)).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nhello world');
    expect(enc.end).toBe('close');
  });

  it('keeps header names as given and adds no duplicates', () => {
    const enc = encodeResponse(res({ status: 302, reason: 'Found', headers: [['location', '/x'], ['Content-Length', '0'], ['Connection', 'keep-alive']], body: new Uint8Array() }));
    expect(text(enc.bytes)).toBe('HTTP/1.1 302 Found\r\nlocation: /x\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n');
  });

  it('frames chunked bodies, splitting at 4096 bytes', () => {
    expect(text(encodeResponse(res({ framing: 'chunked' })).bytes)).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nb\r\nhello world\r\n0\r\n\r\n',
    );
    const big = encodeResponse(res({ headers: [], framing: 'chunked', body: new Uint8Array(5000).fill(0x61) }));
    expect(text(big.bytes)).toBe(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n1000\r\n' + 'a'.repeat(4096) + '\r\n388\r\n' + 'a'.repeat(904) + '\r\n0\r\n\r\n',
    );
  });

  it('omits Content-Length with close framing', () => {
    expect(text(encodeResponse(res({ framing: 'close' })).bytes)).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nhello world');
  });

  it('sends a wrong Content-Length when overridden', () => {
    expect(text(encodeResponse(res({ contentLengthOverride: 99 })).bytes)).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 99\r\nConnection: close\r\n\r\nhello world',
    );
  });

  it('truncates after N body bytes, headers intact', () => {
    const enc = encodeResponse(res({ truncateAt: 4 }));
    expect(text(enc.bytes)).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nhell');
    expect(sentBodyBytes(res({ truncateAt: 4 }))).toBe(4);
  });

  it('truncates chunked bodies on the wire, counting only payload as sent', () => {
    const r = res({ headers: [], framing: 'chunked', truncateAt: 6 });
    expect(text(encodeResponse(r).bytes)).toBe('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nb\r\nhel');
    expect(sentBodyBytes(r)).toBe(3);
  });

  it('hangs instead of closing for neverClose', () => {
    expect(encodeResponse(res({ neverClose: true })).end).toBe('hang');
  });
});
