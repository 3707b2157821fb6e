import { deviceFiles } from '../../src/device/buildDevice.ts';
import { resolveDevicePath } from '../../src/device/devicePath.ts';
import { deviceLayout } from '../../src/device/VirtualDevice.ts';
import type { ScenarioSpec } from '../../src/scenario/schema.ts';
import type { InstallerSource } from '../installerSource.ts';
import type { NetTarget } from './NetBridge.ts';
import type { VmPackage } from './vmPackages.ts';
import { openDeviceVm } from './VmPool.ts';
import { VmSession } from './VmSession.ts';
import type { VmWorker } from './VmWorker.ts';

/** Where the installer sources go in the VM: on its path, outside the device's files (not read back); not ending in /lib, which mip would take for the install target. */
export const INSTALLER_DIR = '/_miprig/installer';

/** The device as the VM holds it (openDeviceVm's input): what a soft reset sets up again. */
export type VmDevice = Parameters<typeof openDeviceVm>[1];

/**
 * Why the VM cannot stand in for this scenario's device: what only the model decides.
 *
 * @example
 * vmDeviceGap({ device: { heap: 65536, frozen: {} } }); // "device.heap is the model's to decide: …"
 */
export function vmDeviceGap(spec: Pick<ScenarioSpec, 'device'>): string | undefined {
  if (spec.device.heap !== undefined) return "device.heap is the model's to decide: the VM's heap grows on demand";
  if (Object.keys(spec.device.frozen).length) return 'device.frozen declares frozen modules; the VM has only its own (the virtual device models them)';
  return undefined;
}

/**
 * Why an on-device installer cannot run on the VM with these sources: `noSource` when none was
 * given, or the module missing from them.
 *
 * @example
 * installerSourceGap('mip', undefined, 'pass --installer-src DIR'); // 'pass --installer-src DIR'
 */
export function installerSourceGap(module: string, source: InstallerSource | undefined, noSource: string): string | undefined {
  if (!source) return noSource;
  if (!source.modules.includes(module)) return `--installer-src ${source.dir} holds no ${module}`;
  return undefined;
}

/**
 * A scenario's device in a fresh VM on `worker` — its files, its sys.path, the installer sources
 * where the frozen ones would be — and the session that runs its steps there. Its sockets reach
 * `target`. With `reuse`, the worker's kept VM reset where that is the same (openDeviceVm's
 * `reuse` and `kept`).
 *
 * @example
 * const { session } = await openScenarioVm(worker, spec, vm, { timeoutMs: 30_000 }, target);
 * await runSteps(spec.steps, session);
 */
export async function openScenarioVm(
  worker: VmWorker,
  spec: ScenarioSpec,
  vm: VmPackage,
  options: { installerSource?: InstallerSource; timeoutMs: number; reuse?: boolean },
  target: NetTarget,
): Promise<{ device: VmDevice; layout: ReturnType<typeof deviceLayout>; session: VmSession; kept: boolean }> {
  const layout = deviceLayout(spec.device);
  const files = [...(await deviceFiles(spec.device))].map(([p, bytes]) => [resolveDevicePath(p, '/').path, bytes] as [string, Uint8Array]);
  const source = options.installerSource;
  const installerFiles: Array<[string, Uint8Array]> = source ? [...source.files].map(([rel, bytes]) => [`${INSTALLER_DIR}/${rel}`, bytes]) : [];
  const device: VmDevice = { vm: vm.url, files: [...files, ...installerFiles], dirs: [layout.profile.home ?? '/home'], cwd: layout.profile.cwd, sysPath: layout.sysPath };
  const { kept } = await openDeviceVm(worker, device, target, { reuse: options.reuse ?? false });
  // The installer sources stand where the frozen ones would: right after `.frozen` (VmSession).
  const session = new VmSession(worker, { sysPath: layout.sysPath, timeoutMs: options.timeoutMs, ...(source ? { frozenStandIn: INSTALLER_DIR } : {}) });
  return { device, layout, session, kept };
}

/**
 * The VM's files after the steps, sorted by path, without the harness's own folders; none when a
 * step timed out (that ended the worker).
 *
 * @example
 * const files = await vmFilesAfter(worker, steps.timedOut);
 */
export async function vmFilesAfter(worker: VmWorker, timedOut: boolean): Promise<Map<string, Uint8Array>> {
  if (timedOut) return new Map();
  const after = await worker.files(['/_miprig', '/dev', '/proc']);
  return new Map([...after].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
