import type { InstallStep, Step, SyspathStep } from '../../src/scenario/schema.ts';
import type { Finding } from '../observation/Observation.ts';

/** How one step ended, as whoever ran it saw it. */
export interface StepEnd {
  /** Exit status of the step's process (a real binary's, or the model's for its argv forms); null when none. */
  exitCode: number | null;
  /** The step ran out of time (or waited for a response that never ended); no later step runs. */
  timedOut: boolean;
}

/** What the steps of one run leave behind, filled in by the session that ran them. */
export interface StepLog {
  /** Every line the steps printed, normalised (run-root paths, ports and traceback frames removed). */
  output: string[];
  /** module → `frozen` | `builtin` | `namespace` | a device path | the exception line of a failed import. */
  imports: Record<string, string>;
  /** decompress key → `ok <bytes>` or the exception line. */
  decompress: Record<string, string>;
  findings: Finding[];
}

export type DecompressStep = Extract<Step, { decompress: unknown }>['decompress'];
export type CopyStep = Extract<Step, { copy: unknown }>['copy'];
export type ResourceStep = Extract<Step, { resource: unknown }>['resource'];

/**
 * One scenario's run on one backend, step by step. Each backend executes each step itself: on a
 * real binary a `syspath` edit, an import or a decompress is Python run by that binary, and the
 * exception, the printed lines and the exit code are that binary's; on the virtual device they
 * are the model's. `runSteps` is the one loop that walks a scenario over a session.
 *
 * @example
 * const session: StepSession = { log, install, importModule, syspath, decompress, copy };
 * await runSteps(spec.steps, session);
 */
export interface StepSession {
  readonly log: StepLog;
  /** Run the installer (its output goes to `log.output`). */
  install(step: InstallStep): Promise<StepEnd>;
  /** `import NAME` in a fresh interpreter; records the origin (or the exception line) in `log.imports`. */
  importModule(name: string): Promise<StepEnd>;
  /** Edit `sys.path` as Python code on the device would; a raised exception prints its traceback. */
  syspath(edit: SyspathStep): Promise<StepEnd>;
  /** Read a compressed file through the runtime's decompressor; records the result in `log.decompress`. */
  decompress(step: DecompressStep): Promise<StepEnd>;
  /** Copy a directory image to a fresh device of another profile; later steps run there. */
  copy(step: CopyStep): Promise<StepEnd>;
  /** `pkg_resources.resource_stream(package, name).read()`; prints the resource line (resourceLine.ts) or the traceback. */
  resource(step: ResourceStep): Promise<StepEnd>;
}

/** A new, empty step log. */
export function emptyStepLog(): StepLog {
  return { output: [], imports: {}, decompress: {}, findings: [] };
}
