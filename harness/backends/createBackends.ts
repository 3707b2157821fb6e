import type { Backend } from './Backend.ts';
import type { UnixBackend } from './UnixBackend.ts';
import { VirtualBackend } from './VirtualBackend.ts';
import { BackendSetupError } from './BackendSetupError.ts';

/**
 * The backends for `--backend`: `virtual`; `unix` (one per binary); `all` = the virtual device
 * at the scenario's version, and for each binary the model pinned to that binary's version
 * beside the binary itself, so the report can show where model and real thing part ways.
 *
 * @example
 * const backends = await createBackends('all', ['/opt/mp/1.22.2/micropython'], { timeoutMs: 30_000 });
 * backends.map((b) => b.name); // ['virtual', 'virtual@1.22.2', 'unix:1.22.2']
 */
export async function createBackends(
  kind: 'virtual' | 'unix' | 'all',
  binaries: readonly string[],
  options: { timeoutMs: number },
): Promise<Backend[]> {
  if (kind === 'virtual') return [new VirtualBackend()];
  // The unix backend (shim, loopback TLS, build facts) is loaded only when real binaries run.
  const [{ UnixBackend }, { probeBinary }, { toBuildProfile }] = await Promise.all([
    import('./UnixBackend.ts'),
    import('../unix/MicropythonBinary.ts'),
    import('../unix/buildFacts.ts'),
  ]);
  const infos = [];
  for (const path of binaries) {
    try {
      infos.push(await probeBinary(path));
    } catch (err) {
      // A wrong path is the user's to fix: one line, exit 2, not an internal error.
      throw new BackendSetupError((err as Error).message);
    }
  }
  const unix = infos.map((info) => new UnixBackend(info, options));
  // Started here, so each name says how its build differs from upstream defaults; two binaries
  // of one build (same facts) are told apart by their order.
  const seen = new Map<string, number>();
  for (const backend of unix) {
    try {
      await backend.start();
    } catch (err) {
      throw new BackendSetupError(`${backend.name}: ${(err as Error).message}`);
    }
    const n = (seen.get(backend.name) ?? 0) + 1;
    seen.set(backend.name, n);
    if (n > 1) backend.name = `${backend.name}#${n}`;
  }
  if (kind === 'unix') return unix;
  const out: Backend[] = [new VirtualBackend()];
  // The model of each binary's own build (its probed facts) beside the binary itself.
  for (const backend of unix) {
    const build = backend.facts ? toBuildProfile(backend.info.version, backend.facts) : undefined;
    out.push(new VirtualBackend(backend.info.version, build), backend);
  }
  return out;
}
