import type { ScenarioSpec } from '../../src/scenario/schema.ts';
import { satisfies } from '../../src/scenario/version.ts';
import type { Observation } from '../observation/Observation.ts';
import type { CheckResult } from './CheckResult.ts';
import { absentCheck, filesCheck } from './filesCheck.ts';
import { outputCheck } from './outputCheck.ts';
import { parseRequestLine } from './parseRequestLine.ts';
import { requestsCheck, worldCheck } from './requestsCheck.ts';
import { resolveExpectations } from './resolveExpectations.ts';
import { decompressCheck, exitCodeCheck, findingsCheck, importsCheck, outcomeCheck } from './scalarChecks.ts';

/**
 * Every check a scenario asks for, on one backend's observation. A failed check that the
 * scenario names under `divergences` (for this runtime) is reported with its reason and does not
 * fail the run — on a real binary only (`backendKind: 'real'`), never on a model.
 *
 * @example
 * const checks = runChecks(scenario.spec, observation);
 * checks.every((c) => c.pass);
 */
export function runChecks(spec: ScenarioSpec, obs: Observation): CheckResult[] {
  const expect = resolveExpectations(spec, {
    backend: obs.backend,
    kind: obs.backendKind,
    runtime: obs.runtime.version,
    installer: obs.installer?.version,
    ...(obs.tlsHeapPerConnection !== undefined ? { tlsHeap: obs.tlsHeapPerConnection } : {}),
  });
  const checks: CheckResult[] = [];
  if (expect.files) checks.push(filesCheck(expect.files, obs.files));
  if (expect.absent) checks.push(absentCheck(expect.absent, obs.files));
  if (expect.requests) checks.push(requestsCheck(expect.requests, obs.requests));
  if (expect.output) checks.push(outputCheck(expect.output, obs.output));
  if (expect.outcome !== undefined) checks.push(outcomeCheck(expect.outcome, obs));
  if (expect.exitCode !== undefined) checks.push(exitCodeCheck(expect.exitCode, obs));
  if (expect.imports) checks.push(importsCheck(expect.imports, obs));
  if (expect.decompress) checks.push(decompressCheck(expect.decompress, obs));
  if (expect.findings) checks.push(findingsCheck(expect.findings, obs));
  if (spec.world.strict) {
    // An unmatched request the scenario lists on purpose (e.g. a 404 it expects) is acknowledged.
    const listed = (expect.requests?.list ?? []).map((r) => (typeof r === 'string' ? parseRequestLine(r).url : r.url));
    checks.push(worldCheck(obs.requests, (r) => listed.includes(r.url)));
  }
  // Divergences excuse real binaries (and, named for it, the VM) only: a model that is wrong must
  // fail, whatever it is named.
  if (obs.backendKind !== 'model') markDivergences(spec, obs.backendKind === 'real' ? 'unix' : 'vm', obs.runtime.version, checks);
  return checks;
}

function markDivergences(spec: ScenarioSpec, backend: 'unix' | 'vm', runtime: string, checks: CheckResult[]): void {
  for (const check of checks) {
    if (check.pass) continue;
    const d = spec.divergences.find(
      (d) => d.backend === backend && (d.checks as readonly string[]).includes(check.name) && (!d.runtime || satisfies(runtime, d.runtime)),
    );
    if (d) check.knownDivergence = d.reason;
  }
}
