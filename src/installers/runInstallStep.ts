/**
 * Runs one scenario `install` step on the virtual device with the installer model the device's
 * runtime freezes.
 */
import type { Device } from '../device/Device.ts';
import type { Network } from '../net/Network.ts';
import type { InstallStep } from '../scenario/schema.ts';
import { mipArgv } from '../../harness/backends/installArgv.ts';
import { mipVersionFor } from './installerVersions.ts';
import { mipInstall, type MipInstallArgs } from './mip.ts';
import { mipCmdline } from './mipCmdline.ts';

/**
 * Run an install step. `exitCode` is the argv form's exit status (null for the API form).
 * Uncaught Python exceptions propagate as `PyException` (the caller prints the traceback and,
 * for the argv form, reports exit 1); `HangError` propagates for a response that never ends.
 *
 * @example
 * await runInstallStep(device, world, { installer: 'mip', spec: 'hello', mpy: true }) // { exitCode: null }
 */
export async function runInstallStep(
  device: Device,
  network: Network,
  step: InstallStep,
): Promise<{ exitCode: number | null }> {
  switch (step.installer) {
    case 'mip': {
      const mipVersion = mipVersionFor(device.version);
      for (const spec of Array.isArray(step.spec) ? step.spec : [step.spec]) {
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
    default:
      throw new Error(
        `no virtual model of installer "${step.installer}" is wired into runInstallStep yet (mip and mip-cmdline are); ` +
          'run this scenario on a unix backend or add the model here',
      );
  }
}
