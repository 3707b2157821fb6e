import type { BodyDevice, BodyImport, ModuleBodies } from '../steps/ModuleBodies.ts';
import { pyLiteral } from '../unix/pyLiteral.ts';
import { vmPythonSource } from './python/vmPythonSource.ts';
import { compareVersions } from '../../src/scenario/version.ts';
import { installedVms, vmFor, type VmPackage } from './vmPackages.ts';
import { VmSession } from './VmSession.ts';
import { VmWorker } from './VmWorker.ts';

/**
 * Module bodies run on MicroPython's webassembly VM, for the virtual device: a fresh VM per
 * import holding a copy of the device's files and its sys.path, no network (a body that opens a
 * socket gets a refused connection). The VM is the newest release at or below the device's, else
 * the oldest installed, and `ranOn` says which. Undefined when no VM package is installed.
 *
 * @example
 * const bodies = vmModuleBodies();
 * const r = await bodies?.runImport({ files, sysPath: ['', '/lib'], cwd: '/', version: '1.27.0' }, 'a');
 */
export function vmModuleBodies(vms: VmPackage[] = installedVms()): ModuleBodies | undefined {
  if (vms.length === 0) return undefined;
  const idle: VmWorker[] = [];
  const all = new Set<VmWorker>();
  return {
    async runImport(device: BodyDevice, name: string): Promise<BodyImport | undefined> {
      // The release at or below the device's; below the oldest installed, the oldest (said in the
      // report: import-time semantics, not every module table, carry over).
      const vm = vmFor(device.version, vms) ?? vms[0]!;
      const ranOn = vm.version === device.version ? `MicroPython VM ${vm.version} (webassembly port)` : `MicroPython VM ${vm.version} (webassembly port, for a ${device.version} device: the ${compareVersions(vm.version, device.version) < 0 ? 'newest installed below it' : 'oldest installed, newer than it'})`;
      const worker = idle.pop() ?? new VmWorker();
      all.add(worker);
      let healthy = true;
      try {
        const dirs = new Set<string>([device.cwd]);
        for (const path of device.files.keys()) dirs.add(path.slice(0, path.lastIndexOf('/')) || '/');
        await worker.open({ vm: vm.url, heapsize: 8 << 20, dirs: [...dirs], files: [...device.files], cwd: device.cwd }, { httpPort: 0, resolves: () => false });
        await worker.exec(`_MIPRIG_MODULES = ${pyLiteral([[vmPythonSource('vm_socket'), ['socket', 'usocket']]])}\n_MIPRIG_PATH = ${pyLiteral([...device.sysPath])}\n${vmPythonSource('vm_setup')}`);
        const session = new VmSession(worker, { sysPath: device.sysPath, timeoutMs: 10_000 });
        const end = await session.importModule(name);
        if (end.timedOut) healthy = false;
        const origin = session.log.imports[name];
        const raised = end.exitCode !== 0 ? origin : undefined;
        return { output: session.log.output, ...(raised ? { exception: raised } : {}), ranOn };
      } catch (err) {
        healthy = false;
        throw err;
      } finally {
        if (healthy) idle.push(worker);
        else {
          all.delete(worker);
          await worker.terminate();
        }
      }
    },
    async stop() {
      await Promise.all([...all].map((w) => w.terminate()));
      all.clear();
      idle.length = 0;
    },
  };
}
