// Real mpremote, unmodified, against the device miprig serves on a pseudo-terminal (a raw REPL on
// a MicroPython VM) and the same mocked world. For each mpremote named in MIPRIG_MPREMOTE (an
// installed program, a micropython checkout or its tools/mpremote), every shipped scenario with an
// mpremote step:
//  1. passes on real mpremote (on-device mip steps run on the VM with MIPRIG_INSTALLER_SRC, a
//     micropython-lib checkout; without it those scenarios skip, saying so);
//  2. the model of that mpremote release (`virtual@<version>`, as `--backend all` pairs them)
//     observes the same files, requests, output, outcome and exit code.
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { comparableFields, type FieldName } from '../../harness/checks/comparableFields.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { readInstallerSource } from '../../harness/installerSource.ts';
import { MpremoteBackend } from '../../harness/mpremote/MpremoteBackend.ts';
import { findMpremote, mpremotesFromEnv } from '../../harness/mpremote/mpremoteTool.ts';
import { runOne } from '../../harness/runScenarios.ts';

const given = mpremotesFromEnv();
const srcDir = process.env['MIPRIG_INSTALLER_SRC'];
const installerSource = srcDir ? readInstallerSource(srcDir) : undefined;
const scenarios = (await loadAll(['scenarios'])).filter((s) => s.spec.steps.some((step) => 'install' in step && typeof step.install === 'object' && 'installer' in step.install && step.install.installer === 'mpremote'));
const FIELDS: readonly FieldName[] = ['files', 'requests', 'output', 'outcome', 'exitCode'];

describe.skipIf(given.length === 0)(`shipped mpremote scenarios on real mpremote${given.length ? '' : ' (skipped: needs MIPRIG_MPREMOTE, e.g. a micropython checkout, with pyserial installed)'}`, () => {
  it('the corpus has mpremote scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
  });
  for (const path of given) {
    const tool = findMpremote(path);
    const backend = new MpremoteBackend(tool, { timeoutMs: 60_000, ...(installerSource ? { installerSource } : {}) });
    const model = new VirtualBackend(tool.version);
    afterAll(() => backend.stop());
    describe(`mpremote ${tool.version} (${path})`, () => {
      for (const scenario of scenarios) {
        const skip = backend.skipReason(scenario);
        it.skipIf(skip !== undefined)(`${scenario.file}${skip ? ` (skipped: ${skip})` : ''}`, { timeout: 120_000 }, async () => {
          await backend.start();
          const real = await runOne(scenario, backend);
          expect(real.result.status, `${real.result.reason}\n${real.result.output.join('\n')}`).toBe('pass');
          const modelled = await runOne(scenario, model);
          const pick = (o: NonNullable<typeof real.observation>) => Object.fromEntries(FIELDS.map((f) => [f, comparableFields(o)[f]]));
          expect(pick(modelled.observation!), 'the model of this mpremote release observes what real mpremote did').toEqual(pick(real.observation!));
        });
      }
    });
  }
});
