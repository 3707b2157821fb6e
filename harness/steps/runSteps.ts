import { normaliseInstall } from '../../src/installers/installArgv.ts';
import type { InstallerName, Step } from '../../src/scenario/schema.ts';
import type { StepEnd, StepSession } from './StepSession.ts';

/** What the walk over a scenario's steps leaves for the observation. */
export interface StepsResult {
  /** `[from, to)` of the log's output: the lines the last install step printed (its outcome is read from them). */
  installOutput: [number, number] | undefined;
  /** The last install step's exit status where it runs as a process of its own; null otherwise. */
  exitCode: number | null;
  /** A step ran out of time; the steps after it did not run. */
  timedOut: boolean;
}

/**
 * The one step interpreter: walk a scenario's steps over a backend's session, in order, each
 * executed by the session itself. Stops at the first step that times out.
 *
 * @example
 * const r = await runSteps(spec.steps, session);
 * r.installOutput && classifyOutcome(session.log.output.slice(...r.installOutput), r.timedOut);
 */
export async function runSteps(steps: readonly Step[], session: StepSession): Promise<StepsResult> {
  const result: StepsResult = { installOutput: undefined, exitCode: null, timedOut: false };
  for (const step of steps) {
    let end: StepEnd = { exitCode: null, timedOut: false };
    if ('install' in step) {
      const install = normaliseInstall(step.install);
      const from = session.log.output.length;
      end = await session.install(install);
      result.installOutput = [from, session.log.output.length];
      result.exitCode = hasExitStatus(install.installer) ? end.exitCode : null;
    } else if ('import' in step) {
      for (const name of Array.isArray(step.import) ? step.import : [step.import]) {
        end = await session.importModule(name);
        if (end.timedOut) break;
      }
    } else if ('syspath' in step) {
      end = await session.syspath(step.syspath);
    } else if ('decompress' in step) {
      end = await session.decompress(step.decompress);
    } else if ('copy' in step) {
      end = await session.copy(step.copy);
    } else if ('resource' in step) {
      end = await session.resource(step.resource);
    }
    if (end.timedOut) {
      result.timedOut = true;
      break;
    }
  }
  return result;
}

/**
 * Whether an install step has an exit status of its own: the argv forms are a process
 * (`micropython -m mip …`, `python3 micropip.py …`, `mpremote mip …`); the API form is a call inside one, whose
 * status the scenario does not see.
 *
 * @example
 * hasExitStatus('mip-cmdline'); // true
 * hasExitStatus('mip');         // false
 */
export function hasExitStatus(installer: InstallerName): boolean {
  return installer.endsWith('cmdline') || installer === 'micropip' || installer === 'mpremote';
}
