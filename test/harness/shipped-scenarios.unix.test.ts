// The shipped scenarios on each real binary named in MIPRIG_MICROPYTHON, and the model pinned to
// that binary's version beside it: the agreement this project exists for.
import { afterAll, describe, expect, it } from 'vitest';
import { UnixBackend } from '../../harness/backends/UnixBackend.ts';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { runOne } from '../../harness/runScenarios.ts';
import { toBuildProfile } from '../../harness/unix/buildFacts.ts';
import { allBinaries as binaries } from '../support/realBinaries.ts';

const scenarios = await loadAll(['scenarios']);
// Each binary is started first: its build facts (TLS heap, modules, stack) name it and make the
// model beside it model that build, as `--backend all` does.
const pairs = await Promise.all(
  binaries.map(async (info) => {
    const unix = new UnixBackend(info, { timeoutMs: 30_000 });
    await unix.start();
    const model = new VirtualBackend(info.version, unix.facts ? toBuildProfile(info.version, unix.facts) : undefined);
    return { unix, model };
  }),
);

describe.skipIf(binaries.length === 0)(`shipped scenarios on real binaries${binaries.length ? '' : ' (skipped: needs MIPRIG_MICROPYTHON)'}`, () => {
  for (const { unix, model } of pairs) {
    afterAll(() => unix.stop());
    for (const scenario of scenarios) {
      const skip = unix.skipReason(scenario);
      it.skipIf(skip !== undefined)(`${scenario.spec.name} on ${unix.name} (${unix.info.path})${skip ? ` (skipped: ${skip})` : ''}`, async () => {
        const real = await runOne(scenario, unix);
        const failed = real.result.checks.filter((c) => !c.pass && !c.knownDivergence).map((c) => ({ name: c.name, expected: c.expected, actual: c.actual }));
        expect({ status: real.result.status, reason: real.result.reason, failed }).toEqual({ status: 'pass', reason: '', failed: [] });
        // The model at the same version must print what the binary printed, ask for what it asked
        // and leave the files it left, unless the scenario names a divergence or states different
        // expectations per backend (a loose expectation, e.g. a request count, must not hide drift).
        const virtual = await runOne(scenario, model);
        const differsByDesign = real.result.checks.some((c) => c.knownDivergence) || scenario.spec.variants.some((v) => v.when.backend);
        if (!differsByDesign) {
          expect(virtual.result.output).toEqual(real.result.output);
          expect(virtual.result.requests).toEqual(real.result.requests);
          expect(virtual.result.files).toEqual(real.result.files);
        }
      }, 60_000);
    }
  }
});
