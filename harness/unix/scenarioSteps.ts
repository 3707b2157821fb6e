import { applySyspathStep } from '../../src/device/syspathEdits.ts';
import { mipArgv, normaliseInstall, upipArgv } from '../../src/installers/installArgv.ts';
import type { InstallStep, Step } from '../../src/scenario/schema.ts';
import type { LauncherStep } from './launcher.ts';

/** How one step ended on the binary. */
export interface StepRun {
  exitCode: number | null;
  timedOut: boolean;
}

/** What the steps left for the observation. */
export interface StepsResult {
  /** `[from, to)` of `output`: the lines the last install step printed (what its outcome is read from). */
  installOutput: [number, number] | undefined;
  /** The last install step's exit status: the argv forms' process; null for the API form or none. */
  exitCode: number | null;
  /** A step ran out of time (the steps after it did not run). */
  timedOut: boolean;
}

/**
 * Walk a scenario's steps on a real binary, the same for every way of driving it (bare under the
 * shim, or through the launcher): installs and imports and decompress steps go to `run`, `syspath`
 * steps edit `sysPath` in place (the next process gets it), and a timeout stops the walk.
 * `decompressFile` turns a device path into what the binary is given (the launcher needs host
 * paths; under the shim the device path is the binary's own).
 *
 * @example
 * const r = await runScenarioSteps(spec.steps, { sysPath, version: '1.27.0', output, run });
 * r.installOutput && classifyOutcome(output.slice(...r.installOutput));
 */
export async function runScenarioSteps(
  steps: readonly Step[],
  ctx: {
    sysPath: string[];
    version: string;
    output: readonly string[];
    run: (step: LauncherStep) => Promise<StepRun>;
    decompressFile?: (devicePath: string) => string;
  },
): Promise<StepsResult> {
  const result: StepsResult = { installOutput: undefined, exitCode: null, timedOut: false };
  for (const step of steps) {
    let r: StepRun | undefined;
    if ('install' in step) {
      const install = normaliseInstall(step.install);
      const from = ctx.output.length;
      r = await ctx.run(launcherStepFor(install));
      result.installOutput = [from, ctx.output.length];
      result.exitCode = install.installer.endsWith('cmdline') ? r.exitCode : null;
    } else if ('import' in step) {
      r = await ctx.run({ kind: 'imports', modules: Array.isArray(step.import) ? step.import : [step.import] });
    } else if ('syspath' in step) {
      applySyspathStep(ctx.sysPath, step.syspath, ctx.version);
    } else if ('decompress' in step) {
      const { file, format, wbits } = step.decompress;
      r = await ctx.run({ kind: 'decompress', key: step.decompress.as ?? file, file: ctx.decompressFile?.(file) ?? file, format, wbits });
    }
    if (r?.timedOut) {
      result.timedOut = true;
      break;
    }
  }
  return result;
}

/** The launcher step for an install: the argv form as `-m`, the API form as a call. */
function launcherStepFor(step: InstallStep): LauncherStep {
  const specs = Array.isArray(step.spec) ? step.spec : [step.spec];
  switch (step.installer) {
    case 'mip-cmdline':
      return { kind: 'main', module: 'mip', argv: mipArgv(step) };
    case 'upip-cmdline':
      return { kind: 'main', module: 'upip', argv: upipArgv(step) };
    case 'upip': {
      // version → "name==version", as the model does (upip's API takes no version argument).
      const pinned = step.version !== undefined ? specs.map((s) => (s.includes('==') ? s : `${s}==${step.version}`)) : specs;
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

