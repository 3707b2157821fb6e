import { availableParallelism } from 'node:os';
import type { BodyDevice, BodyImport, ModuleBodies } from '../steps/ModuleBodies.ts';
import { compareVersions } from '../../src/scenario/version.ts';
import { installedVms, vmFor, type VmPackage } from './vmPackages.ts';
import { VmSession } from './VmSession.ts';
import { openDeviceVm, VmPool } from './VmPool.ts';
import { afterKeptRun } from './keptVm.ts';

/**
 * Module bodies run on MicroPython's webassembly VM, for the virtual device: a fresh VM per
 * import holding a copy of the device's files and its sys.path, no network (a body that opens a
 * socket gets a refused connection). The VM is the newest release at or below the device's, else
 * the oldest installed, and `ranOn` says which. Undefined when no VM package is installed.
 *
 * Fresh as a new VM is, not always new: each worker keeps its last VM and resets it for the next
 * body of that release where a reset leaves it as a new one would be (keptVm.ts). Loading
 * and setting up a VM took ~17 ms, four times the import it was for; a reset takes ~3 ms.
 * `reuse: false` loads a new VM for every body (the tests compare the two).
 *
 * @example
 * const bodies = vmModuleBodies();
 * const r = await bodies?.runImport({ files, sysPath: ['', '/lib'], cwd: '/', version: '1.27.0' }, 'a');
 */
export function vmModuleBodies(vms: VmPackage[] = installedVms(), threads = Math.max(1, availableParallelism() - 1), options: { reuse?: boolean } = {}): ModuleBodies | undefined {
  const reuse = options.reuse ?? true;
  if (vms.length === 0) return undefined;
  // A VM thread per core but the one the models run on (at least one): a thread per scenario in
  // flight cost more to start than it ran, and on 2 cores a second VM thread took the models' core
  // from them (1 000 scenarios: 2.0–2.2 s with one, 2.4–2.6 s with two).
  const pool = new VmPool(threads);
  return {
    async runImport(device: BodyDevice, name: string): Promise<BodyImport | undefined> {
      // The release at or below the device's; below the oldest installed, the oldest (said in the
      // report: import-time semantics, not every module table, carry over).
      const vm = vmFor(device.version, vms) ?? vms[0]!;
      const ranOn = vm.version === device.version ? `MicroPython VM ${vm.version} (webassembly port)` : `MicroPython VM ${vm.version} (webassembly port, for a ${device.version} device: the ${compareVersions(vm.version, device.version) < 0 ? 'newest installed below it' : 'oldest installed, newer than it'})`;
      return pool.use(async (worker) => {
        // No network: a body that opens a socket finds no host.
        const { kept } = await openDeviceVm(worker, { vm: vm.url, files: [...device.files], dirs: [], cwd: device.cwd, sysPath: device.sysPath, tls: false }, { httpPort: 0, resolves: () => false }, { reuse });
        const session = new VmSession(worker, { sysPath: device.sysPath, timeoutMs: 10_000 });
        const end = await session.importModule(name);
        const raised = end.exitCode !== 0 ? session.log.imports[name] : undefined;
        if (kept && !end.timedOut) await afterKeptRun(worker, session.log.output);
        return { result: { output: session.log.output, ...(raised ? { exception: raised } : {}), ranOn }, healthy: !end.timedOut };
      }, (worker) => worker.keeps(vm.url));
    },
    stop: () => pool.stop(),
  };
}
