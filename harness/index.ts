/**
 * miprig's library API for vitest users.
 *
 * @example
 * import { expect, test } from 'vitest';
 * import { runScenario } from 'miprig';
 * import { miprigMatchers } from 'miprig/vitest'; // the matchers have their own entry point
 * expect.extend(miprigMatchers);
 * test('hello installs', async () => {
 *   const run = await runScenario('scenarios/mip/index-latest.yaml');
 *   expect(run).toPass();
 * });
 */
export { runScenario, type ScenarioRun, type ScenarioInput, type ScenarioObject } from './runScenario.ts';
export { loadScenario, parseScenario, type LoadedScenario } from './scenario/loadScenario.ts';
export { ScenarioError } from './scenario/ScenarioError.ts';
export { runScenarios } from './runScenarios.ts';
export { VirtualBackend } from './backends/VirtualBackend.ts';
export type { Backend } from './backends/Backend.ts';
export type { Observation, Outcome, Finding } from './observation/Observation.ts';
export type { ScenarioResult } from './ScenarioResult.ts';
export type { CheckResult } from './checks/CheckResult.ts';
export type { ScenarioSpec } from '../src/scenario/schema.ts';
export { UnixBackend } from './backends/UnixBackend.ts';
export { probeBinary, type BinaryInfo } from './unix/MicropythonBinary.ts';
export { createBackends } from './createBackends.ts';
