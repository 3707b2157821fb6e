import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { encodeResponse } from '../../src/net/encodeResponse.ts';
import { toWireResponse, WIRE_HEADER } from '../../src/world/wireResponseHeader.ts';
import { getRequest, worldOf } from './exchangeHelpers.ts';

describe('handlers used without exchange (loopback server path)', () => {
  it('carry wire details in x-miprig-wire, giving the same bytes as exchange', async () => {
    const url = 'https://micropython.org/pi/v2/package/6/a/latest.json';
    const world = await worldOf({
      index: { packages: { a: { versions: { '1.0': { files: { 'a.py': '' } } } } } },
      faults: [{ on: { url }, redirect: { location: '/elsewhere', headerName: 'location' }, chunked: true }],
    });
    const response = await getResponse(await world.handlers(), new Request(url));
    expect(response).toBeDefined();
    expect(response!.headers.get(WIRE_HEADER)).toContain('"framing":"chunked"');
    // A copy defeats the in-process shortcut, so the header alone must carry everything.
    const copy = new Response(response!.body, response!);
    const wire = await toWireResponse(copy);
    expect(wire.headers).toContainEqual(['location', '/elsewhere']);
    expect(encodeResponse(wire).bytes).toEqual((await world.exchange(getRequest(url))).bytes);
  });

  it('leave undeclared URLs unanswered', async () => {
    const world = await worldOf({});
    expect(await getResponse(await world.handlers(), new Request('https://nowhere.example/'))).toBeUndefined();
  });
});
