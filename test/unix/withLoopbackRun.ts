import type { Network } from '../../src/net/Network.ts';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { createRunRoot, removeRunRoot } from '../../harness/unix/runRoot.ts';

/**
 * A started loopback server answering from `network` and a fresh run root, for one test body;
 * both are gone afterwards whatever the body did.
 *
 * @example
 * await withLoopbackRun(network, async ({ root, portMap }) => {
 *   await runLauncherStep(info, { runRoot: root, portMap, step });
 * });
 */
export async function withLoopbackRun<T>(
  network: Network,
  body: (run: { root: string; portMap: Record<number, number>; server: LoopbackServer }) => Promise<T>,
): Promise<T> {
  const server = new LoopbackServer(network);
  const root = await createRunRoot();
  try {
    const { portMap } = await server.start();
    return await body({ root, portMap, server });
  } finally {
    await server.stop();
    await removeRunRoot(root);
  }
}
