// Issue "A real MicroPython VM in-process", item 3: `--installer-src` runs the user's own
// installer source — on the VM where the frozen modules would be, on a real binary before
// `.frozen` — and the report names the source. Nothing of it is read back as a device file.
import { afterAll, describe, expect, it } from 'vitest';
import { createBackends } from '../../harness/createBackends.ts';
import { runOne } from '../../harness/runScenarios.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { binaryFor, skipNote } from '../support/realBinaries.ts';
import { installerFolder, NEEDS_VM, vms } from './vmSupport.ts';

// A working copy of "mip" that says so, and installs one fixed file.
const folder = installerFolder({
  'mip/__init__.py': 'print("mip from the working copy")\n\n\ndef install(spec, index=None, target=None, version=None, mpy=True):\n    with open((target or "/home") + "/" + spec + ".py", "w") as f:\n        f.write("X = 1\\n")\n    print("installed", spec)\n',
});
afterAll(() => folder.remove());

const SCENARIO = parseScenario(
  `name: a working copy of mip
device: { port: unix, version: 1.27.0 }
steps:
  - install: { installer: mip, spec: hello, target: /home }
  - import: mip
expect:
  output: { mode: exact, lines: ["mip from the working copy", "installed hello", "mip from the working copy"] }
  files: { tree: { /home/hello.py: "X = 1\\n" } }
`,
  'working-copy.yaml',
);

const bin = binaryFor('1.27.0');

describe('--installer-src', () => {
  it.skipIf(!vms.length)(`runs on the VM where the frozen modules would be, and is named in the report${NEEDS_VM}`, async () => {
    const [vm] = await createBackends('vm', [], { timeoutMs: 20_000, installerSrc: folder.dir });
    try {
      const { result, observation } = await runOne(SCENARIO, vm!);
      expect({ status: result.status, failed: result.checks.filter((c) => !c.pass) }).toEqual({ status: 'pass', failed: [] });
      expect(result.imports).toEqual({ mip: 'frozen' });
      expect(observation?.build).toContain(`installer from ${folder.dir} (sha256 `);
    } finally {
      await vm!.stop();
    }
  });

  it.skipIf(!bin)(`runs on a real binary before .frozen, never read back as a device file${skipNote('1.27.0')}`, async () => {
    const [unix] = await createBackends('unix', [bin!.path], { timeoutMs: 20_000, installerSrc: folder.dir });
    try {
      const { result, observation } = await runOne(SCENARIO, unix!);
      expect({ status: result.status, failed: result.checks.filter((c) => !c.pass) }).toEqual({ status: 'pass', failed: [] });
      expect(result.imports).toEqual({ mip: '/_miprig/installer/mip/__init__.py' });
      expect(observation?.build).toContain(`installer from ${folder.dir} (sha256 `);
    } finally {
      await unix!.stop();
    }
  });

  it('a folder without installer sources is one clear line, exit 2', async () => {
    const { main } = await import('../../harness/cli/main.ts');
    const { captureOutput } = await import('../support/captureOutput.ts');
    const empty = installerFolder({ 'README.txt': 'nothing here' });
    try {
      const { result, stderr } = await captureOutput(() => main(['run', 'scenarios/mip/index-latest.yaml', '--backend', 'vm', '--installer-src', empty.dir]));
      expect(result).toBe(2);
      expect(stderr.trim()).toBe(`miprig: --installer-src ${empty.dir}: holds no mip, requests, urequests or upip sources; pass a micropython-lib checkout`);
    } finally {
      empty.remove();
    }
  });
});
