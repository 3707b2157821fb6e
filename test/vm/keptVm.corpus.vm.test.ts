// Issue 12: kept VMs give every shipped scenario the result new VMs give — the same printed
// lines, exceptions, files, requests, checks and the `build` line naming the VM — for module
// bodies on the virtual device (one VM thread, so that bodies follow each other on one kept VM as
// far as they can) and for the vm backend's scenarios (with MIPRIG_INSTALLER_SRC, every one that
// runs an installer too).
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { runOne } from '../../harness/runScenarios.ts';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import { vmModuleBodies } from '../../harness/vm/vmModuleBodies.ts';
import { VmBackend } from '../../harness/vm/VmBackend.ts';
import { readInstallerSource } from '../../harness/installerSource.ts';
import { NEEDS_VM, vms } from './vmSupport.ts';

const scenarios = await loadAll(['scenarios']);
const kept = new VirtualBackend(undefined, undefined, vmModuleBodies(vms, 1));
const fresh = new VirtualBackend(undefined, undefined, vmModuleBodies(vms, 1, { reuse: false }));
const srcDir = process.env['MIPRIG_INSTALLER_SRC'];
const installerSource = srcDir ? readInstallerSource(srcDir) : undefined;
const vmOptions = { timeoutMs: 30_000, ...(installerSource ? { installerSource } : {}) };
const keptVm = new VmBackend(vmOptions);
const freshVm = new VmBackend({ ...vmOptions, reuseVms: false });
afterAll(async () => {
  await Promise.all([kept.stop(), fresh.stop(), keptVm.stop(), freshVm.stop()]);
});

const timeless = ({ durationMs: _, ...rest }: ScenarioResult) => rest;

describe(`shipped scenarios, module bodies on kept VMs or on new ones: the same results${NEEDS_VM}`, () => {
  it.skipIf(!vms.length)('each one, run in turn on kept VMs and on new ones', async () => {
    const onKept: unknown[] = [];
    const onFresh: unknown[] = [];
    // Two passes on the kept VMs: the second starts each scenario on a VM the whole first pass used.
    for (let pass = 0; pass < 2; pass++) for (const s of scenarios) onKept.push(timeless((await runOne(s, kept)).result));
    for (let pass = 0; pass < 2; pass++) for (const s of scenarios) onFresh.push(timeless((await runOne(s, fresh)).result));
    expect(onKept).toEqual(onFresh);
  });

  const ranOnVm = scenarios.filter((s) => keptVm.skipReason(s) === undefined);
  it.skipIf(!vms.length)(`the vm backend: each scenario it runs (${ranOnVm.length}${installerSource ? '' : '; more with MIPRIG_INSTALLER_SRC'}), twice in turn, on kept VMs and on new ones`, async () => {
    const onKept: unknown[] = [];
    const onFresh: unknown[] = [];
    for (let pass = 0; pass < 2; pass++) for (const s of ranOnVm) onKept.push(timeless((await runOne(s, keptVm)).result));
    for (let pass = 0; pass < 2; pass++) for (const s of ranOnVm) onFresh.push(timeless((await runOne(s, freshVm)).result));
    expect(onKept).toEqual(onFresh);
  }, 600_000);
});
