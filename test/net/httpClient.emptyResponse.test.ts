// "A server that closes before sending any byte gives BadStatusLine" (the issue). Every requests
// version frozen so far reads the status line the same way (urequests 0.7.0 … requests 1.1.1,
// e.g. requests/__init__.py 0.10.2 lines 148-153):
//     l = s.readline(); l = l.split(None, 2)
//     if len(l) < 2: raise ValueError("HTTP error: BadStatusLine:\n%s" % l)
// so b"" splits to [] and the message ends in "\n[]".
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/py/PyException.ts';
import { httpGet } from '../../src/net/httpClient.ts';
import { worldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';

const URL_ = 'https://example.com/tool.py';
const RUNTIMES = { '1.20.0': 'urequests 0.7.0', '1.22.2': 'requests 0.8.1', '1.23.0': 'requests 0.9.0', '1.24.1': 'requests 0.10.0', '1.27.0': 'requests 0.10.2', master: 'requests 1.1.1' };

describe('a server that closes before sending any byte', () => {
  for (const [runtime, module] of Object.entries(RUNTIMES)) {
    it(`${module} (${runtime}): ValueError HTTP error: BadStatusLine with the empty split list`, async () => {
      const world = await createWorld(worldSpec.parse({ faults: [{ on: { url: URL_ }, closeWithoutResponse: true }] }));
      const err = await httpGet(URL_, { network: world, runtime, port: 'unix' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PyException);
      expect((err as PyException).line).toBe('ValueError: HTTP error: BadStatusLine:\n[]');
      expect(world.log).toMatchObject([{ url: URL_, status: 0, noResponse: 'closed' }]);
    });
  }
});
