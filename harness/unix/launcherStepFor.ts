import { mipArgv, upipArgv } from '../../src/installers/installArgv.ts';
import type { InstallStep } from '../../src/scenario/schema.ts';
import type { LauncherStep } from './launcher.ts';
import { pinnedUpipSpecs } from '../../src/installers/upipPinnedSpec.ts';

/**
 * What runs an install step on a real binary: the argv forms as `-m mip …`/`-m upip …`, the API
 * forms as a call (`import mip; mip.install(…)`). Both ways of driving a binary (bare, launcher)
 * take this and turn it into processes.
 *
 * @example
 * launcherStepFor({ installer: 'mip-cmdline', spec: 'pkg', mpy: true }); // { kind: 'main', module: 'mip', argv: ['install', 'pkg'] }
 */
export function launcherStepFor(step: InstallStep): LauncherStep {
  const specs = Array.isArray(step.spec) ? step.spec : [step.spec];
  switch (step.installer) {
    case 'mip-cmdline':
      return { kind: 'main', module: 'mip', argv: mipArgv(step) };
    case 'upip-cmdline':
      return { kind: 'main', module: 'upip', argv: upipArgv(step) };
    case 'upip': {
      const pinned = pinnedUpipSpecs(specs, step.version);
      return {
        kind: 'call',
        module: 'upip',
        func: 'install',
        args: [pinned.length === 1 ? pinned[0]! : pinned, ...(step.target !== undefined ? [step.target] : [])],
        ...(step.index !== undefined ? { attributes: { index_urls: [step.index] } } : {}),
      };
    }
    default: {
      const kwargs: Record<string, string | boolean> = {};
      if (step.index !== undefined) kwargs['index'] = step.index;
      if (step.target !== undefined) kwargs['target'] = step.target;
      if (step.version !== undefined) kwargs['version'] = step.version;
      if (!step.mpy) kwargs['mpy'] = false;
      if (specs.length !== 1) throw new Error(`the mip API form installs one package per call; got ${specs.length} (use one install step per package)`);
      return { kind: 'call', module: 'mip', func: 'install', args: [specs[0]!], kwargs };
    }
  }
}

