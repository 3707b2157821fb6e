import type { LoadedScenario } from '../scenario/loadScenario.ts';
import type { BackendKind, Observation } from '../observation/Observation.ts';

/**
 * A place scenarios run: the virtual device, or one real `micropython` binary. Lifecycle is
 * explicit — `start()` before the first `run()`, `stop()` after the last; both idempotent.
 *
 * @example
 * const backend = new VirtualBackend();
 * await backend.start();
 * const observation = await backend.run(scenario);
 * await backend.stop();
 */
export interface Backend {
  /** `virtual`, `virtual@<version>[build]` or `unix:<version>[build]` — the name reports use. */
  readonly name: string;
  /** How its results are checked (see BackendKind): not read from the name. */
  readonly kind: BackendKind;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Run every step of one scenario on a fresh device and report what was observed. */
  run(scenario: LoadedScenario): Promise<Observation>;
  /** Why this backend cannot run a scenario (e.g. no installer of that kind), or undefined. */
  skipReason?(scenario: LoadedScenario): string | undefined;
}
