import type { Network } from '../../src/net/Network.ts';
import type { EncodedResponse, RequestRecord, WireRequest } from '../../src/net/wire.ts';

/**
 * A `Network` whose world may still be being built: requests wait for it. Lets the binary start
 * (process spawn, interpreter start-up, launcher compile — about a millisecond) while the
 * scenario's handlers are created, instead of one after the other. `world` is called on first
 * need (a request, or the backend asking for the log) and must return the same promise each time.
 *
 * @example
 * let building: Promise<World> | undefined;
 * server.serveNetwork(pendingNetwork(() => (building ??= createWorld(spec.world))));
 */
export function pendingNetwork(world: () => Promise<Network>): Network {
  let built: Network | undefined;
  const get = (): Promise<Network> => {
    const p = world();
    void p.then((w) => (built = w), () => undefined);
    return p;
  };
  return {
    resolves: (host: string): boolean => built?.resolves(host) ?? true,
    ready: async (): Promise<void> => void (await get()),
    exchange: async (request: WireRequest): Promise<EncodedResponse> => (await get()).exchange(request),
    get log(): RequestRecord[] {
      return built?.log ?? [];
    },
  };
}
