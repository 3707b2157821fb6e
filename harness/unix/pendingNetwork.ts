import type { Network } from '../../src/net/Network.ts';
import type { EncodedResponse, RequestRecord, WireRequest } from '../../src/net/wire.ts';

/**
 * A `Network` whose world is still being built: requests wait for it. Lets the binary start
 * (process spawn, interpreter start-up, launcher compile — about a millisecond) while the
 * scenario's handlers are created, instead of one after the other.
 *
 * @example
 * server.serveNetwork(pendingNetwork(createWorld(spec.world)));
 */
export function pendingNetwork(world: Promise<Network>): Network {
  let ready: Network | undefined;
  void world.then((w) => (ready = w), () => undefined);
  return {
    resolves: (host: string): boolean => ready?.resolves(host) ?? true,
    exchange: async (request: WireRequest): Promise<EncodedResponse> => (await world).exchange(request),
    get log(): RequestRecord[] {
      return ready?.log ?? [];
    },
  };
}
