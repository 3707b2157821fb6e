/**
 * Runs one scenario `install` step on the virtual device with the installer model the device's
 * runtime freezes.
 */
import type { Device } from '../device/Device.ts';
import type { Network } from '../net/Network.ts';
import type { InstallStep } from '../scenario/schema.ts';
import { micropipArgv, mipArgv, mpremoteArgv, upipArgv } from './installArgv.ts';
import { mpremoteCmdline } from './mpremoteMip.ts';
import { installerModule } from './installerVersions.ts';
import { mipVersionFor } from '../device/frozenLibraries.ts';
import { checkInstallerImports } from './installerImports.ts';
import { micropip } from './micropip.ts';
import { mipInstall, type MipInstallArgs } from './mip.ts';
import { mipCmdline } from './mipCmdline.ts';
import { SystemExit } from './SystemExit.ts';
import { UpipModule } from './upip.ts';
import { upipCmdline } from './upipCmdline.ts';
import { pinnedUpipSpecs } from './upipPinnedSpec.ts';

/**
 * Run an install step. `exitCode` is the argv form's exit status (null for the API form).
 * Uncaught Python exceptions propagate as `PyException` (the caller prints the traceback and,
 * for the argv form, reports exit 1); `HangError` propagates for a response that never ends.
 * A runtime without the step's installer fails as its binary does: `import mip` before v1.20,
 * `import upip` from v1.20 raise `ImportError: no module named '…'`.
 *
 * @example
 * await runInstallStep(device, world, { installer: 'mip', spec: 'hello', mpy: true }) // { exitCode: null }
 * await runInstallStep(device, world, { installer: 'upip-cmdline', spec: 'micropython-foo', mpy: true }) // { exitCode: 0 }
 */
export async function runInstallStep(
  device: Device,
  network: Network,
  step: InstallStep,
): Promise<{ exitCode: number | null }> {
  const specs = Array.isArray(step.spec) ? step.spec : [step.spec];
  const module = installerModule(step.installer);
  // The installer and its client are imported through sys.path, as on the device: no `.frozen`
  // (or a version that freezes the other installer) is an ImportError.
  if (module !== undefined) checkInstallerImports(device, module);
  switch (step.installer) {
    case 'mip': {
      const mipVersion = mipVersionFor(device.version);
      for (const spec of specs) {
        const args: MipInstallArgs = { package: spec, mpy: step.mpy };
        if (step.version !== undefined) args.version = step.version;
        if (step.target !== undefined) args.target = step.target;
        if (step.index !== undefined) args.index = step.index;
        await mipInstall(device, network, args, mipVersion);
      }
      return { exitCode: null };
    }
    case 'mip-cmdline':
      return mipCmdline(device, network, mipArgv(step), mipVersionFor(device.version));
    case 'upip': {
      // import upip; [upip.index_urls = [index]]; upip.install(spec_or_list[, path])
      const upip = new UpipModule(device, network);
      if (step.index !== undefined) upip.indexUrls = [step.index];
      const specsArg = pinnedUpipSpecs(specs, step.version);
      try {
        await upip.install(specsArg.length === 1 ? specsArg[0]! : specsArg, step.target ?? null);
      } catch (e) {
        // A failed resolve calls sys.exit(1): the process ends, silently.
        if (!(e instanceof SystemExit)) throw e;
      }
      return { exitCode: null };
    }
    case 'upip-cmdline':
      return upipCmdline(device, network, upipArgv(step));
    case 'micropip':
      return micropip(device, network, micropipArgv(step));
    case 'mpremote':
      // mpremote of the firmware's own release, on the host, writing to the device.
      return mpremoteCmdline(device, network, mpremoteArgv(step), device.version);
  }
}
