// Header lines no HTTP library writes (the issue's `Location:https://example.com/x`, odd case,
// the same name twice) reach the wire byte for byte, from plain routes and from any fault.
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { encodeResponse } from '../../src/net/encodeResponse.ts';
import { headerLine } from '../../src/net/wire.ts';
import { toWireResponse } from '../../src/world/wireResponseHeader.ts';
import { getRequest, worldOf } from './exchangeHelpers.ts';

const OLD = 'https://example.com/old/tool.py';
const head = async (section: unknown, url = OLD): Promise<string> => {
  const world = await worldOf(section);
  const text = Buffer.from((await world.exchange(getRequest(url))).bytes).toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n') + 4);
};

describe('verbatim header lines', () => {
  it('splits a line at its first colon so that it is rebuilt byte for byte', () => {
    expect(headerLine('Location:https://example.com/x')).toEqual(['Location', 'https://example.com/x', ':']);
    expect(headerLine('LOCATION: \thttps://example.com/x')).toEqual(['LOCATION', 'https://example.com/x', ': \t']);
    expect(headerLine('no colon here')).toEqual(['no colon here', '', '']);
  });

  it('a plain route sends a list of lines as written, in order, duplicates kept', async () => {
    const lines = ['Location:https://example.com/x', 'LOCATION: https://example.com/y', 'location:  /z', 'X-Odd'];
    expect(await head({ http: { [OLD]: { status: 302, headers: lines } } })).toBe(
      'HTTP/1.1 302 Found\r\nContent-Type: text/plain; charset=utf-8\r\n' + lines.map((l) => `${l}\r\n`).join('') + 'Content-Length: 0\r\nConnection: close\r\n\r\n',
    );
  });

  it('a verbatim Content-Type, Content-Length or Connection line replaces the one the encoder would add', async () => {
    expect(await head({ http: { [OLD]: { body: 'X', headers: ['content-type:text/plain', 'content-length:1', 'connection:close'] } } })).toBe(
      'HTTP/1.1 200 OK\r\ncontent-type:text/plain\r\ncontent-length:1\r\nconnection:close\r\n\r\n',
    );
  });

  it('any fault carries headers, replacing the lines of the same names', async () => {
    const redirect = { on: { url: OLD }, redirect: { location: 'https://example.com/new.py' }, headers: ['location:https://example.com/other.py'] };
    expect(await head({ faults: [redirect] })).toBe(
      'HTTP/1.1 302 Found\r\nContent-Type: text/html\r\nlocation:https://example.com/other.py\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    const status = { on: { url: OLD }, status: 503, headers: { 'Retry-After': '5', 'content-type': 'text/html' } };
    expect(await head({ http: { [OLD]: 'X = 1\n' }, faults: [status] })).toBe(
      'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\ncontent-type: text/html\r\nContent-Length: 6\r\nConnection: close\r\n\r\n',
    );
    const html = { on: { url: OLD }, htmlPage: true, headers: ['Location:https://portal.example/'] };
    expect(await head({ faults: [html] })).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Type: text\/html; charset=utf-8\r\nLocation:https:\/\/portal\.example\/\r\n/);
  });

  it('the lines survive x-miprig-wire (the loopback server path)', async () => {
    const world = await worldOf({ faults: [{ on: { url: OLD }, status: 301, headers: ['Location:https://example.com/x', 'Location:https://example.com/y'] }] });
    const response = await getResponse(await world.handlers(), new Request(OLD));
    const wire = await toWireResponse(new Response(response!.body, response!));
    expect(encodeResponse(wire).bytes).toEqual((await world.exchange(getRequest(OLD))).bytes);
  });
});
