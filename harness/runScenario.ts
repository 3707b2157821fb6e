import type { z } from 'zod';
import type { scenarioSpec } from '../src/scenario/schema.ts';
import type { Backend } from './backends/Backend.ts';
import type { Observation } from './observation/Observation.ts';
import { VirtualBackend } from './backends/VirtualBackend.ts';
import { runOne } from './runScenarios.ts';
import { loadScenario, parseScenario, type LoadedScenario } from './scenario/loadScenario.ts';
import type { ScenarioResult } from './ScenarioResult.ts';
import { stringify } from 'yaml';

/** What `runScenario` gives back: the checked result and the raw observation. */
export interface ScenarioRun {
  result: ScenarioResult;
  observation: Observation | undefined;
}

/** A scenario as an object, written like the YAML file (defaults may be left out). */
export type ScenarioObject = z.input<typeof scenarioSpec>;

/** A scenario given as a file path, YAML text, a plain object, or already loaded. */
export type ScenarioInput = string | LoadedScenario | ScenarioObject;

/**
 * Run one scenario (default: on the virtual device) and check it — the entry point for vitest
 * users. A string ending in .yaml/.yml is a file; any other string is YAML text.
 *
 * @example
 * import { runScenario } from 'miprig';
 * const run = await runScenario({
 *   name: 'hello from the index',
 *   device: { port: 'esp32', version: '1.22.2' },
 *   world: { index: { packages: { hello: { versions: { '1.0': { files: { 'hello.py': 'X = 1' } } } } } } },
 *   steps: [{ install: 'hello' }],
 * });
 * expect(run).toHaveInstalled('/lib/hello.mpy');
 */
export async function runScenario(input: ScenarioInput, options: { backend?: Backend } = {}): Promise<ScenarioRun> {
  const scenario = await toLoaded(input);
  const backend = options.backend ?? new VirtualBackend();
  const own = options.backend === undefined;
  if (own) await backend.start();
  try {
    return await runOne(scenario, backend);
  } finally {
    if (own) await backend.stop();
  }
}

async function toLoaded(input: ScenarioInput): Promise<LoadedScenario> {
  if (typeof input === 'string') return /\.ya?ml$/.test(input) ? loadScenario(input) : parseScenario(input);
  if ('spec' in input && 'file' in input && 'document' in input) return input as LoadedScenario;
  // Through YAML so an inline object is validated and reported exactly like a file.
  return parseScenario(stringify(input), '<inline>');
}
