// A package.json URL holding a character above U+00FF (e.g. a bidi override) made the virtual run
// end in `error` ("Cannot convert argument to a ByteString"): the world put the raw URL into a
// private request header. It is now answered like any URL.
import { expect, it } from 'vitest';
import { createWorld } from '../../src/world/createWorld.ts';
import { worldSpec } from '../../src/scenario/schema.ts';

it('a URL with characters above U+00FF is routed, and the sent form reaches the route intact', async () => {
  const world = await createWorld(worldSpec.parse({ github: { 'o/r': { refs: { main: { 'a.py': 'A = 1\n' } } } } }));
  const url = 'https://raw.githubusercontent.com/o/r/HEAD/\u202e\u00e9\u4e2d.py';
  const answer = await world.exchange({ method: 'GET', url, scheme: 'https', host: 'raw.githubusercontent.com', port: 443, path: new URL(url).pathname, headers: [], httpVersion: '1.0' });
  expect(Buffer.from(answer.bytes).toString('latin1')).toMatch(/^HTTP\/1\.1 404 /);
  expect(world.log).toEqual([expect.objectContaining({ url, status: 404, matched: true })]);
});
