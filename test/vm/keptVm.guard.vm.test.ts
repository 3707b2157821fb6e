// Issue 12: what a reset cannot put back, a kept VM never sees (harness/vm/keptVm.ts). A body
// that overrides a built-in, or mounts or unmounts a file system, runs on a VM of its own; the
// body after it prints what it prints on a new VM.
import { afterAll, describe, expect, it } from 'vitest';
import { vmModuleBodies } from '../../harness/vm/vmModuleBodies.ts';
import type { BodyDevice } from '../../harness/steps/ModuleBodies.ts';
import { NEEDS_VM, vms } from './vmSupport.ts';

const encoder = new TextEncoder();
const device = (version: string, files: Record<string, string>): BodyDevice => ({
  files: new Map(Object.entries(files).map(([p, text]) => [p, encoder.encode(text)])),
  sysPath: ['', '.frozen', '/lib'],
  cwd: '/',
  version,
});

const CASES = [
  {
    name: 'a built-in overridden (builtins.leak = 1)',
    first: { '/lib/a.py': 'import builtins\nbuiltins.leak = 1\n' },
    second: { '/lib/b.py': 'try:\n    print(leak)\nexcept NameError as e:\n    print(repr(e))\n' },
  },
  {
    name: 'a file system mounted over a folder',
    first: { '/lib/a.py': 'import os\nos.mkdir("/m")\nos.mount(os.VfsPosix("/lib"), "/m")\n' },
    second: { '/lib/b.py': 'import os\ntry:\n    print(os.listdir("/m"))\nexcept OSError as e:\n    print(repr(e))\n' },
  },
];

describe(`module bodies a reset cannot undo run on a VM of their own${NEEDS_VM}`, () => {
  const kept = vmModuleBodies(vms, 1);
  const fresh = vmModuleBodies(vms, 1, { reuse: false });
  afterAll(async () => {
    await kept?.stop();
    await fresh?.stop();
  });

  for (const vm of vms) {
    for (const c of CASES) {
      it(`VM ${vm.version}: ${c.name}`, async () => {
        const expected = await fresh!.runImport(device(vm.version, c.second), 'b');
        // A plain body first, so that a VM is kept when the first one comes.
        await kept!.runImport(device(vm.version, { '/lib/p.py': 'P = 1\n' }), 'p');
        await kept!.runImport(device(vm.version, c.first), 'a');
        const after = await kept!.runImport(device(vm.version, c.second), 'b');
        expect(after).toEqual(expected);
      });
    }
  }
});
