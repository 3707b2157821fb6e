// The measured fact boardErrno.ts rests on, checked on every installed MicroPython VM release: its
// file system raises Emscripten's errno numbers, unnamed (`OSError: 44`), and the translation gives
// what a board prints. If a release starts raising MicroPython's numbers, this test says so.
import { afterAll, describe, expect, it } from 'vitest';
import { boardErrnoText } from '../../harness/mpremote/boardErrno.ts';
import { installedVms } from '../../harness/vm/vmPackages.ts';
import { VmWorker } from '../../harness/vm/VmWorker.ts';

const vms = installedVms();
const CASES: Array<[string, string]> = [
  ["open('/nope')", 'OSError: [Errno 2] ENOENT'],
  ["import os\nos.mkdir('/d')", 'OSError: [Errno 17] EEXIST'],
  ["open('/d', 'w')", 'OSError: [Errno 21] EISDIR'],
  ["import os\nos.listdir('/f')", 'OSError: 20'],
  ["import os\nos.rmdir('/')", 'OSError: [Errno 1] EPERM'],
];

describe.skipIf(vms.length === 0)(`Emscripten errno numbers as a board's${vms.length ? '' : ' (skipped: no micropython-vm-* package installed)'}`, () => {
  for (const vm of vms) {
    const worker = new VmWorker();
    afterAll(() => worker.terminate());
    it(`VM ${vm.version}`, async () => {
      await worker.open({ vm: vm.url, heapsize: 1 << 20, dirs: ['/d'], files: [['/f', new Uint8Array([1])]], cwd: '/' }, { httpPort: 1, resolves: () => false });
      for (const [code, board] of CASES) {
        const r = await worker.exec(code);
        expect(r.error?.type, code).toBe('OSError');
        expect(boardErrnoText(r.error!.message).trim().split('\n').at(-1), code).toBe(board);
      }
    });
  }
});
