// The "a server that closes before sending any byte": `closeWithoutResponse` reads the
// request and closes (FIN) with nothing written; the request log says so instead of a status.
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { encodeResponse } from '../../src/net/encodeResponse.ts';
import { toWireResponse } from '../../src/world/wireResponseHeader.ts';
import { getRequest, worldOf } from './exchangeHelpers.ts';

const URL_ = 'https://example.com/tool.py';

describe('fault closeWithoutResponse', () => {
  it('writes no byte and closes, for `times` requests, logged as closed', async () => {
    const world = await worldOf({ http: { [URL_]: 'X = 1\n' }, faults: [{ on: { url: URL_ }, closeWithoutResponse: true, status: 500, times: 1 }] });
    const first = await world.exchange(getRequest(URL_));
    expect(first).toEqual({ bytes: new Uint8Array(0), end: 'close' });
    const second = await world.exchange(getRequest(URL_));
    expect(Buffer.from(second.bytes).toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(world.log.map(({ status, noResponse, bytes, matched }) => ({ status, noResponse, bytes, matched }))).toEqual([
      { status: 0, noResponse: 'closed', bytes: 0, matched: true },
      { status: 200, noResponse: undefined, bytes: 6, matched: true },
    ]);
  });

  it('travels through x-miprig-wire, so a loopback server writes the same nothing', async () => {
    const world = await worldOf({ faults: [{ on: { url: URL_ }, closeWithoutResponse: true }] });
    const response = await getResponse(await world.handlers(), new Request(URL_));
    const wire = await toWireResponse(new Response(response!.body, response!)); // a copy: the header alone
    expect(wire.noResponse).toBe('closed');
    expect(encodeResponse(wire)).toEqual({ bytes: new Uint8Array(0), end: 'close' });
  });
});
