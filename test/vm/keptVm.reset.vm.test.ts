// Issue 12 (1 000 scenarios in < 3 s): a VM kept for the next module body and reset for it must
// be what a new VM is. Each case: a body changes one kind of VM state, then the next body looks
// at it; what the second body prints on the reset VM must equal what it prints on a new one, on
// every installed VM release. A missing line in python/vm_reset.py fails its case here.
import { afterAll, describe, expect, it } from 'vitest';
import { openDeviceVm } from '../../harness/vm/VmPool.ts';
import { VmSession } from '../../harness/vm/VmSession.ts';
import { VmWorker } from '../../harness/vm/VmWorker.ts';
import { NEEDS_VM, vms } from './vmSupport.ts';

interface LeakCase {
  /** What the first body changes. */
  name: string;
  /** The first body (module `a`), with any other files its device has. */
  first: Record<string, string>;
  /** The second body (module `b`), which prints what it sees. */
  second: Record<string, string>;
  /** Whether the kept VM is reused for the second body (false: the worker loads a new one). */
  reused?: boolean;
}

const CASES: LeakCase[] = [
  {
    name: 'a module of its own device, imported and changed',
    first: { '/lib/a.py': 'import m\nm.n += 1\n', '/lib/m.py': 'n = 0\n' },
    second: { '/lib/b.py': 'import m\nprint(m.n)\n', '/lib/m.py': 'n = 0\n' },
  },
  {
    name: 'a frozen module (asyncio), changed',
    first: { '/lib/a.py': 'import asyncio\nasyncio.leak = 1\n' },
    second: { '/lib/b.py': 'import asyncio\nprint(hasattr(asyncio, "leak"))\n' },
  },
  {
    name: 'os (which the reset itself imports), changed',
    first: { '/lib/a.py': 'import os\nos.leak = 1\n' },
    second: { '/lib/b.py': 'import sys\nprint(sorted(sys.modules))\nimport os\nprint(hasattr(os, "leak"))\n' },
  },
  {
    name: 'sys.path and sys.argv',
    first: { '/lib/a.py': 'import sys\nsys.path.insert(0, "/elsewhere")\nsys.argv.append("x")\n' },
    second: { '/lib/b.py': 'import sys\nprint(sys.path, sys.argv)\n' },
  },
  {
    name: "__main__'s globals",
    first: { '/lib/a.py': 'import __main__\n__main__.leak = 1\n' },
    second: { '/lib/b.py': 'import __main__\nprint(sorted(dir(__main__)))\n' },
  },
  {
    name: "the collector's settings",
    first: { '/lib/a.py': 'import gc\ngc.disable()\ngc.threshold(1234)\n' },
    second: { '/lib/b.py': 'import gc\nprint(gc.isenabled(), gc.threshold())\n' },
  },
  {
    name: "the compiler's optimisation level (which also decides whether b's assert runs)",
    first: { '/lib/a.py': 'import micropython\nmicropython.opt_level(3)\n' },
    second: { '/lib/b.py': 'import micropython\nprint(micropython.opt_level())\ntry:\n    assert False\n    print("asserts off")\nexcept AssertionError:\n    print("asserts on")\n' },
  },
  {
    name: 'files and folders written, the working folder changed',
    first: { '/lib/a.py': 'import os\nos.mkdir("/data")\nopen("/data/x", "w").write("1")\nopen("/tmp/t", "w").write("2")\nopen("/lib/extra.py", "w").write("E = 1")\nos.chdir("/data")\n' },
    second: { '/lib/b.py': 'import os\nprint(os.getcwd(), sorted(os.listdir("/")), sorted(os.listdir("/lib")), os.listdir("/tmp"))\ntry:\n    import extra\nexcept ImportError as e:\n    print(repr(e))\n' },
  },
  {
    name: "the VM's socket module (a stand-in the set-up registers)",
    first: { '/lib/a.py': 'import socket\nsocket.leak = 1\n' },
    second: { '/lib/b.py': 'import socket\nprint(hasattr(socket, "leak"))\n' },
  },
  {
    name: 'a folder every new VM has, removed (the worker loads a new VM instead)',
    first: { '/lib/a.py': 'import os\nos.rmdir("/tmp")\n' },
    second: { '/lib/b.py': 'import os\nprint(sorted(os.listdir("/")))\n' },
    reused: false,
  },
];

const SYS_PATH = ['', '.frozen', '/lib'];
const encoder = new TextEncoder();
const files = (map: Record<string, string>): Array<[string, Uint8Array]> => Object.entries(map).map(([p, text]) => [p, encoder.encode(text)]);

/** Open the device (kept VM or new) on `worker`, import `name`; what it printed and raised. */
async function importOn(worker: VmWorker, vm: string, device: Record<string, string>, name: string, keep: boolean): Promise<{ reused: boolean; output: string[]; raised?: string }> {
  const { reused } = await openDeviceVm(worker, { vm, files: files(device), dirs: [], cwd: '/', sysPath: SYS_PATH, tls: false }, { httpPort: 0, resolves: () => false }, { reuse: keep });
  const session = new VmSession(worker, { sysPath: SYS_PATH, timeoutMs: 10_000 });
  await session.importModule(name);
  const raised = session.log.imports[name];
  return { reused, output: session.log.output, ...(raised && !raised.startsWith('/') ? { raised } : {}) };
}

describe(`a kept VM, reset for the next module body, is what a new VM is${NEEDS_VM}`, () => {
  const worker = new VmWorker();
  afterAll(() => worker.terminate());

  for (const vm of vms) {
    for (const c of CASES) {
      it(`VM ${vm.version}: ${c.name}`, async () => {
        const fresh = await importOn(worker, vm.url, c.second, 'b', false);
        await importOn(worker, vm.url, c.first, 'a', true);
        const afterFirst = await importOn(worker, vm.url, c.second, 'b', true);
        expect(afterFirst.reused).toBe(c.reused ?? true);
        expect({ output: afterFirst.output, raised: afterFirst.raised }).toEqual({ output: fresh.output, raised: fresh.raised });
      });
    }
  }
});
