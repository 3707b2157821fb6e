import type { Backend } from './backends/Backend.ts';
import { VirtualBackend } from './backends/VirtualBackend.ts';
import { BackendSetupError } from './backends/BackendSetupError.ts';

/**
 * The backends for `--backend`: `virtual`; `unix` (one per binary); `vm` (MicroPython's
 * webassembly port in-process, running the installer sources of `installerSrc`); `all` = the
 * virtual device at the scenario's version, for each binary the model pinned to that binary's
 * version beside the binary itself, and the VM when one is installed, so the report can show
 * where model and real things part ways.
 *
 * @example
 * const backends = await createBackends('all', ['/opt/mp/1.22.2/micropython'], { timeoutMs: 30_000 });
 * backends.map((b) => b.name); // ['virtual', 'virtual@1.22.2', 'unix:1.22.2']
 */
export async function createBackends(
  kind: 'virtual' | 'unix' | 'vm' | 'mpremote' | 'all',
  binaries: readonly string[],
  options: { timeoutMs: number; installerSrc?: string; mpremotes?: readonly string[] },
): Promise<Backend[]> {
  // Module bodies the model cannot know run on a MicroPython VM, when one is installed.
  const bodies = kind === 'vm' ? undefined : (await import('./vm/vmModuleBodies.ts')).vmModuleBodies();
  if (kind === 'virtual') return [new VirtualBackend(undefined, undefined, bodies)];
  if (kind === 'vm') return [await vmBackend(options, true)];
  if (kind === 'mpremote') return mpremoteBackends(options, undefined);
  // The unix backend (shim, loopback TLS, build facts) is loaded only when real binaries run.
  const [{ UnixBackend }, { probeBinary }, { toBuildProfile }] = await Promise.all([
    import('./backends/UnixBackend.ts'),
    import('./unix/MicropythonBinary.ts'),
    import('./unix/buildFacts.ts'),
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
  const installerSource = options.installerSrc !== undefined ? await readSource(options.installerSrc) : undefined;
  const unix = infos.map((info) => new UnixBackend(info, { timeoutMs: options.timeoutMs, ...(installerSource ? { installerSource } : {}) }));
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
  const out: Backend[] = [new VirtualBackend(undefined, undefined, bodies)];
  // The model of each binary's own build (its probed facts) beside the binary itself.
  for (const backend of unix) {
    const build = backend.facts ? toBuildProfile(backend.info.version, backend.facts) : undefined;
    out.push(new VirtualBackend(backend.info.version, build, bodies), backend);
  }
  const vm = await vmBackend(options, false);
  if (vm) out.push(vm);
  return options.mpremotes?.length ? [...out, ...(await mpremoteBackends(options, bodies))] : out;
}

/**
 * Real mpremote, one backend per given program or checkout; with `bodies` (for `all`), each comes
 * after the model pinned to its release, as a binary comes after its own.
 */
async function mpremoteBackends(options: { timeoutMs: number; installerSrc?: string; mpremotes?: readonly string[] }, bodies: ReturnType<typeof import('./vm/vmModuleBodies.ts')['vmModuleBodies']> | undefined): Promise<Backend[]> {
  const given = options.mpremotes ?? [];
  if (given.length === 0) throw new BackendSetupError('--backend mpremote needs real mpremote: pass --mpremote PATH (an installed mpremote, a micropython checkout or its tools/mpremote) or set MIPRIG_MPREMOTE');
  const [{ MpremoteBackend }, { findMpremote }, { installedVms }] = await Promise.all([
    import('./mpremote/MpremoteBackend.ts'),
    import('./mpremote/mpremoteTool.ts'),
    import('./vm/vmPackages.ts'),
  ]);
  const vms = installedVms();
  if (vms.length === 0) throw new BackendSetupError('--mpremote: its device is a MicroPython VM, and none is installed; install the optional dependencies (npm i)');
  const installerSource = options.installerSrc !== undefined ? await readSource(options.installerSrc) : undefined;
  const out: Backend[] = [];
  for (const path of given) {
    let tool;
    try {
      tool = findMpremote(path);
    } catch (err) {
      throw new BackendSetupError((err as Error).message);
    }
    if (bodies) out.push(new VirtualBackend(tool.version, undefined, bodies));
    out.push(new MpremoteBackend(tool, { timeoutMs: options.timeoutMs, vms, ...(installerSource ? { installerSource } : {}) }));
  }
  return out;
}

/** The vm backend (loaded only when asked for); `required`: none installed is the user's to fix. */
async function vmBackend(options: { timeoutMs: number; installerSrc?: string }, required: true): Promise<Backend>;
async function vmBackend(options: { timeoutMs: number; installerSrc?: string }, required: false): Promise<Backend | undefined>;
async function vmBackend(options: { timeoutMs: number; installerSrc?: string }, required: boolean): Promise<Backend | undefined> {
  const [{ VmBackend }, { installedVms }] = await Promise.all([import('./vm/VmBackend.ts'), import('./vm/vmPackages.ts')]);
  const vms = installedVms();
  if (vms.length === 0) {
    if (!required) return undefined;
    throw new BackendSetupError('--backend vm: no MicroPython VM package is installed; install the optional dependencies (npm i, or npm i micropython-vm-1.27.0@npm:@micropython/micropython-webassembly-pyscript@1.27.0)');
  }
  const installerSource = options.installerSrc !== undefined ? await readSource(options.installerSrc) : undefined;
  return new VmBackend({ timeoutMs: options.timeoutMs, vms, ...(installerSource ? { installerSource } : {}) });
}

/** `--installer-src`, read; a folder without installer sources is the user's to fix (one line, exit 2). */
async function readSource(dir: string) {
  const { readInstallerSource } = await import('./installerSource.ts');
  try {
    return readInstallerSource(dir);
  } catch (err) {
    throw new BackendSetupError((err as Error).message);
  }
}
