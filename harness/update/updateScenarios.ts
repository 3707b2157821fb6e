import { writeFile } from 'node:fs/promises';
import { isMap, isSeq, type Document } from 'yaml';
import type { Expectations } from '../../src/scenario/schema.ts';
import type { Observation } from '../backends/Observation.ts';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import type { ScenarioResult } from '../ScenarioResult.ts';
import { resolveExpectations } from '../checks/resolveExpectations.ts';
import { observedExpectations } from './observedExpectations.ts';

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
};

/**
 * `miprig run … --update`: write what each backend observed into the scenario files, the way
 * `vitest -u` updates snapshots. A run at the scenario's own device version updates `expect`;
 * a run on another version adds (or replaces) a variant `when: { runtime: "=<version>" }`. Only
 * failing fields are written (all observed fields when the scenario expects nothing yet). The
 * YAML document is edited in place, so comments and layout elsewhere survive. Observations are
 * already normalised by the backends (run-root paths, ports and traceback frames removed).
 *
 * @example
 * const changed = await updateScenarios(scenarios, runs); // ['scenarios/mip/new-bug.yaml']
 */
export async function updateScenarios(scenarios: readonly LoadedScenario[], runs: readonly Run[]): Promise<string[]> {
  const changed: string[] = [];
  for (const scenario of scenarios) {
    let touched = false;
    const mine = runs.filter((r) => r.result.scenario.file === scenario.file && r.observation);
    for (const run of mine) {
      const obs = run.observation!;
      const failing = run.result.checks.filter((c) => !c.pass && !c.knownDivergence).map((c) => CHECK_FIELD[c.name]).filter(Boolean) as Array<keyof Expectations>;
      const hasAny = Object.keys(scenario.spec.expect).length > 0 || scenario.spec.variants.length > 0;
      const current = resolveExpectations(scenario.spec, { backend: obs.backend, runtime: obs.runtime.version, installer: obs.installer?.version });
      const fields: Array<keyof Expectations> = hasAny ? failing : ['files', 'requests', 'output', 'outcome', 'exitCode', 'imports'];
      if (fields.length === 0) continue;
      const initial = new Set(Object.keys(scenario.spec.device.files));
      const observed = observedExpectations(obs, current, initial);
      const patch: Record<string, unknown> = {};
      for (const f of fields) if (observed[f] !== undefined) patch[f] = observed[f];
      if (Object.keys(patch).length === 0) continue;
      if (obs.runtime.version === scenario.spec.device.version) setExpect(scenario.document, ['expect'], patch);
      else setVariant(scenario.document, obs.runtime.version, obs.backend, patch);
      touched = true;
    }
    if (touched) {
      await writeFile(scenario.file, scenario.document.toString({ lineWidth: 0 }));
      changed.push(scenario.file);
    }
  }
  return changed;
}

function setExpect(doc: Document, path: string[], patch: Record<string, unknown>): void {
  if (!doc.hasIn(path)) doc.setIn(path, doc.createNode({}));
  for (const [key, value] of Object.entries(patch)) doc.setIn([...path, key], doc.createNode(value));
}

function setVariant(doc: Document, runtime: string, backend: string, patch: Record<string, unknown>): void {
  if (!doc.has('variants')) doc.set('variants', doc.createNode([]));
  const variants = doc.get('variants', true);
  if (!isSeq(variants)) return;
  const when = `=${runtime}`;
  const index = variants.items.findIndex((v) => isMap(v) && doc.getIn(['variants', variants.items.indexOf(v), 'when', 'runtime']) === when);
  if (index < 0) {
    variants.add(doc.createNode({ when: { runtime: when }, note: `recorded from ${backend}`, expect: patch }));
    return;
  }
  setExpect(doc, ['variants', String(index), 'expect'] as unknown as string[], patch);
}
