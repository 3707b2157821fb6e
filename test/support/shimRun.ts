import type { Network } from '../../src/net/Network.ts';
import type { BinaryInfo } from '../../harness/unix/MicropythonBinary.ts';
import { runProcessGroup, type ProcessGroupResult } from '../../harness/unix/processGroup.ts';
import { chooseRedirection, shimEnv } from '../../harness/unix/redirection.ts';
import { withLoopbackRun } from '../unix/withLoopbackRun.ts';
import { readBack } from '../../harness/unix/runRoot.ts';

/**
 * Run `micropython -c SOURCE` bare under the LD_PRELOAD shim, exactly as the unix backend runs a
 * step (run root as `/`, HOME `/home`, MICROPYPATH in device terms, the loopback server's port),
 * with a fresh run root and server; `fd3` holds the shim's reports, `files` the run root's files
 * afterwards (device paths).
 *
 * @example
 * const r = await shimRun(info, network, "import os; print(os.getcwd())"); // r.stdout → ['/']
 */
export async function shimRun(
  info: BinaryInfo,
  network: Network,
  source: string,
  options: { resolve?: boolean; before?: (root: string) => void } = {},
): Promise<ProcessGroupResult & { root: string; files: Map<string, Uint8Array> }> {
  const redirection = await chooseRedirection(info);
  if (redirection.kind !== 'shim') throw new Error(`the shim does not load here: ${redirection.reason}`);
  return withLoopbackRun(network, async ({ root, server }) => {
    const { httpPort } = await server.start();
    options.before?.(root);
    const r = await runProcessGroup(info.path, ['-c', source], {
      cwd: root,
      env: shimEnv({ library: redirection.library, root, port: httpPort, path: ['.frozen', '/lib'], reportFd: true, resolve: options.resolve ?? false }),
      timeoutMs: 20_000,
      fd3: true,
    });
    // Read back before the run root goes: device path → bytes.
    return { ...r, root, files: await readBack(root) };
  });
}
