import { writeFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { Expectations } from '../../src/scenario/schema.ts';
import type { Observation } from '../observation/Observation.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import type { ScenarioResult } from '../ScenarioResult.ts';
import { resolveExpectations } from '../checks/resolveExpectations.ts';
import { observedExpectations } from './observedExpectations.ts';
import { spliceYaml } from './spliceYaml.ts';
import { parseScenario } from '../scenario/loadScenario.ts';

type Run = { result: ScenarioResult; observation: Observation | undefined };

/** Fields `--update` may rewrite: the ones whose check failed (or all, for a scenario with none). */
const CHECK_FIELD: Record<string, keyof Expectations> = {
  files: 'files',
  absent: 'absent',
  requests: 'requests',
  output: 'output',
  outcome: 'outcome',
  exitCode: 'exitCode',
  imports: 'imports',
  decompress: 'decompress',
};

/**
 * `miprig run … --update`: write what each backend observed into the scenario files, the way
 * `vitest -u` updates snapshots — from real binaries only (a model's output is refused). A run at the scenario's own device version updates `expect`;
 * a run on another version adds (or replaces) a variant `when: { runtime: "=<version>" }`. Only
 * failing fields are written (all observed fields when the scenario expects nothing yet). The
 * YAML text is edited in place, so comments and layout elsewhere survive. Observations are
 * already normalised by the backends (run-root paths, ports and traceback frames removed).
 *
 * @example
 * const changed = await updateScenarios(scenarios, runs); // ['scenarios/mip/new-bug.yaml']
 */
export async function updateScenarios(scenarios: readonly LoadedScenario[], runs: readonly Run[]): Promise<string[]> {
  const model = runs.find((r) => r.observation && r.observation.backendKind !== 'real');
  if (model) {
    throw new Error(`updateScenarios records what real binaries print; ${model.result.backend} is not one (its output is a model's, not evidence)`);
  }
  const changed: string[] = [];
  for (const scenario of scenarios) {
    let text = scenario.text;
    const mine = runs.filter((r) => r.result.scenario.file === scenario.file && r.observation);
    for (const run of mine) {
      const obs = run.observation!;
      const failing = run.result.checks.filter((c) => !c.pass && !c.knownDivergence).map((c) => CHECK_FIELD[c.name]).filter(Boolean) as Array<keyof Expectations>;
      const hasAny = Object.keys(scenario.spec.expect).length > 0 || scenario.spec.variants.length > 0;
      const current = resolveExpectations(scenario.spec, { backend: obs.backend, kind: obs.backendKind, runtime: obs.runtime.version, installer: obs.installer?.version });
      const fields: Array<keyof Expectations> = hasAny ? failing : ['files', 'requests', 'output', 'outcome', 'exitCode', 'imports', 'decompress'];
      if (fields.length === 0) continue;
      const observed = observedExpectations(obs, current, new Set(Object.keys(scenario.spec.device.files)));
      const patch: Record<string, unknown> = {};
      for (const f of fields) if (observed[f] !== undefined) patch[f] = observed[f];
      if (Object.keys(patch).length === 0) continue;
      text = obs.runtime.version === scenario.spec.device.version
        ? patchExpect(text, ['expect'], patch)
        : patchVariant(text, obs.runtime.version, obs.backend, patch);
    }
    if (text !== scenario.text) {
      parseScenario(text, scenario.file); // never write a file that no longer loads
      await writeFile(scenario.file, text);
      changed.push(scenario.file);
    }
  }
  return changed;
}

function patchExpect(text: string, path: Array<string | number>, patch: Record<string, unknown>): string {
  for (const [key, value] of Object.entries(patch)) text = spliceYaml(text, path, key, value);
  return text;
}

/** Replace the fields of the variant recorded for this runtime, or add one at the end. */
function patchVariant(text: string, runtime: string, backend: string, patch: Record<string, unknown>): string {
  const when = `=${runtime}`;
  const variants = (parseDocument(text).toJS() as { variants?: Array<{ when?: { runtime?: string } }> }).variants ?? [];
  const index = variants.findIndex((v) => v.when?.runtime === when);
  if (index >= 0) return patchExpect(text, ['variants', index, 'expect'], patch);
  const variant = { when: { runtime: when }, note: `recorded from ${backend}`, expect: patch };
  // Only the variants block is re-printed; the rest of the file stays as written.
  return spliceYaml(text, [], 'variants', [...variants, variant]);
}
