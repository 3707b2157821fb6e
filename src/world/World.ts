import type { RequestHandler } from 'msw';
import type { Network } from '../net/Network.ts';
import type { RequestRecord } from '../net/wire.ts';

/**
 * The mocked network of one scenario. `exchange` answers the virtual device and the loopback
 * server that serves real binaries; `handlers()` gives the same routes as msw handlers, for a
 * caller's own msw setup (responses carry the private `x-miprig-wire` header described in
 * faults.ts; turn them into bytes with `toWireResponse` + `encodeResponse`, or simply call
 * `exchange`).
 */
export interface World extends Network {
  /** msw handlers, in priority order: faults, plain routes, index, PyPI, git hosts (msw is loaded on first call). */
  handlers(): Promise<RequestHandler[]>;
  /** `world.strict`: an unmatched request fails the scenario. */
  readonly strict: boolean;
  /** Requests no route answered (they got the world's "not declared" 404). */
  unmatched(): RequestRecord[];
}
