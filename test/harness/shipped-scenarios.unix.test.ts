// The agreement this project exists for. For each real binary named in MIPRIG_MICROPYTHON, each
// shipped scenario the binary can run is checked twice:
//  1. its expectations hold on the binary (divergences named for that runtime excuse a check);
//  2. the model of that binary's build (`virtual@<version>[build]`, as `--backend all` pairs them)
//     observes the same thing in every field — files, requests, output, outcome, exit code,
//     imports, decompress — except the fields a divergence for that runtime names, and the fields
//     a variant sets for one kind of backend (`when.backend`). Each skipped field is listed in the
//     test's name, so what is not compared is visible in the report.
// A binary that is given but cannot run (no start, or a trivial step fails) fails loudly.
import { afterAll, describe, expect, it } from 'vitest';
import { UnixBackend } from '../../harness/backends/UnixBackend.ts';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { comparableFields, FIELD_OF_CHECK, type FieldName } from '../../harness/checks/comparableFields.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { runOne } from '../../harness/runScenarios.ts';
import { parseScenario, type LoadedScenario } from '../../harness/scenario/loadScenario.ts';
import { toBuildProfile } from '../../harness/unix/buildFacts.ts';
import { satisfies } from '../../src/scenario/version.ts';
import { allBinaries as binaries } from '../support/realBinaries.ts';
import { vmModuleBodies } from '../../harness/vm/vmModuleBodies.ts';

const scenarios = await loadAll(['scenarios']);
// As `--backend all` does: module bodies the model cannot know run on a MicroPython VM.
const bodies = vmModuleBodies();
afterAll(() => bodies?.stop());
const FIELDS: readonly FieldName[] = ['files', 'requests', 'output', 'outcome', 'exitCode', 'imports', 'decompress'];

/** Fields not compared for this scenario on this runtime, each with why. */
function uncompared(scenario: LoadedScenario, runtime: string): Map<FieldName, string> {
  const skip = new Map<FieldName, string>();
  for (const d of scenario.spec.divergences) {
    if (d.backend !== 'unix' || (d.runtime && !satisfies(runtime, d.runtime))) continue;
    for (const check of d.checks) {
      const field = FIELD_OF_CHECK[check];
      if (field) skip.set(field, 'divergence');
    }
  }
  for (const v of scenario.spec.variants) {
    if (!v.when.backend) continue;
    for (const key of Object.keys(v.expect)) {
      const field = FIELD_OF_CHECK[key as keyof typeof FIELD_OF_CHECK];
      if (field) skip.set(field, `variant for ${v.when.backend}`);
    }
  }
  return skip;
}

const TRIVIAL = parseScenario('name: the binary runs\nsteps:\n  - import: sys\nexpect:\n  imports: { sys: builtin }\n', 'trivial.yaml');

describe.skipIf(binaries.length === 0)(`shipped scenarios on real binaries${binaries.length ? '' : ' (skipped: needs MIPRIG_MICROPYTHON)'}`, () => {
  for (const info of binaries) {
    const unix = new UnixBackend(info, { timeoutMs: 30_000 });
    afterAll(() => unix.stop());
    // Started in the test, not at load: a binary that cannot start fails here, by name.
    let model: VirtualBackend | undefined;
    it(`${info.path} starts and runs a step`, async () => {
      await unix.start();
      model = new VirtualBackend(info.version, unix.facts ? toBuildProfile(info.version, unix.facts) : undefined, bodies);
      const { result } = await runOne(TRIVIAL, unix);
      expect({ status: result.status, reason: result.reason, imports: result.imports }).toEqual({ status: 'pass', reason: '', imports: { sys: 'builtin' } });
    });
    for (const scenario of scenarios) {
      const skip = unix.skipReason(scenario);
      const notCompared = uncompared(scenario, info.version);
      const note = notCompared.size ? ` (not compared with the model: ${[...notCompared].map(([f, why]) => `${f} — ${why}`).join('; ')})` : '';
      it.skipIf(skip !== undefined)(`${scenario.spec.name} on ${info.version} (${info.path})${skip ? ` (skipped: ${skip})` : note}`, async () => {
        expect(model, 'the binary did not start (see the test before)').toBeDefined();
        const real = await runOne(scenario, unix);
        const failed = real.result.checks.filter((c) => !c.pass && !c.knownDivergence).map((c) => ({ name: c.name, expected: c.expected, actual: c.actual }));
        expect({ status: real.result.status, reason: real.result.reason, failed }).toEqual({ status: 'pass', reason: '', failed: [] });
        const virtual = await runOne(scenario, model!);
        expect(virtual.observation, virtual.result.reason).toBeDefined();
        const ours = comparableFields(virtual.observation!);
        const theirs = comparableFields(real.observation!);
        for (const field of FIELDS) {
          if (notCompared.has(field)) continue;
          expect(ours[field], `${field}: ${model!.name} vs ${unix.name}`).toEqual(theirs[field]);
        }
      }, 60_000);
    }
  }
});
