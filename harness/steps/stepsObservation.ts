import type { RequestRecord } from '../../src/net/wire.ts';
import { classifyOutcome } from '../observation/classifyOutcome.ts';
import type { Observation } from '../observation/Observation.ts';
import type { StepsResult } from './runSteps.ts';
import type { StepLog } from './StepSession.ts';

/**
 * The part of an observation every backend reads the same way from its step log: requests,
 * output, the outcome of the last install (classified from the lines it printed), exit status,
 * imports, decompress results and findings.
 *
 * @example
 * return { backend: this.name, …, ...stepsObservation(session.log, steps, world.log), durationMs };
 */
export function stepsObservation(
  log: StepLog,
  steps: StepsResult,
  requests: readonly RequestRecord[],
): Pick<Observation, 'requests' | 'output' | 'outcome' | 'exitCode' | 'imports' | 'decompress' | 'findings'> {
  return {
    requests: [...requests],
    output: log.output,
    outcome: steps.installOutput ? classifyOutcome(log.output.slice(...steps.installOutput), steps.timedOut) : { kind: 'none' },
    exitCode: steps.exitCode,
    imports: log.imports,
    decompress: log.decompress,
    findings: log.findings,
  };
}
