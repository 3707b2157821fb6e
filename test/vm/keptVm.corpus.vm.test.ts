// Issue 12: module bodies on kept VMs give every shipped scenario the result new VMs give — the
// same printed lines, exceptions, files, checks and the `build` line naming the VM. One VM thread,
// so that the scenarios' bodies follow each other on one kept VM as far as they can.
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { runOne } from '../../harness/runScenarios.ts';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';
import { vmModuleBodies } from '../../harness/vm/vmModuleBodies.ts';
import { NEEDS_VM, vms } from './vmSupport.ts';

const scenarios = await loadAll(['scenarios']);
const kept = new VirtualBackend(undefined, undefined, vmModuleBodies(vms, 1));
const fresh = new VirtualBackend(undefined, undefined, vmModuleBodies(vms, 1, { reuse: false }));
afterAll(async () => {
  await kept.stop();
  await fresh.stop();
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
});
