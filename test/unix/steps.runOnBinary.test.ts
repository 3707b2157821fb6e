// Issue "One step interpreter…": every step kind runs on the real binary itself — an install,
// an import, a `syspath` edit and a decompress are each a process of that binary, and what the
// observation shows (output, exceptions, sys.path carried to the next step) is what it printed.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { UnixBackend } from '../../harness/backends/UnixBackend.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import * as processGroup from '../../harness/unix/processGroup.ts';
import { allBinaries, NEEDS_ANY_BINARY } from '../support/realBinaries.ts';

const { spawned } = vi.hoisted(() => ({ spawned: [] as Array<{ binary: string; args: readonly string[] }> }));
vi.mock('../../harness/unix/processGroup.ts', async (importOriginal) => {
  const real = await importOriginal<typeof processGroup>();
  return {
    ...real,
    // Passes every call through to the real spawn; only notes which program ran with which arguments.
    runProcessGroup: (binary: string, args: string[], options: processGroup.ProcessGroupOptions) => {
      spawned.push({ binary, args });
      return real.runProcessGroup(binary, args, options);
    },
  };
});

const mipBinary = allBinaries.find((b) => b.installer === 'mip');

const SCENARIO = `name: every step kind
device: { port: unix, version: 1.27.0, files: { /data.gz: { base64: "H4sIAAAAAAAC/8tIzcnJBwCGphA2BQAAAA==" } } }
world:
  index:
    packages:
      hello: { versions: { "1.0": { files: { hello.py: "X = 1\\n" } } } }
steps:
  - install: { installer: mip-cmdline, spec: hello, mpy: false }
  - syspath: { remove: /nonexistent }
  - syspath: { move: { entry: .frozen, toEnd: true } }
  - import: hello
  - decompress: { file: /data.gz }
`;

describe(`each step kind runs on the binary${NEEDS_ANY_BINARY}`, () => {
  const backend = mipBinary ? new UnixBackend(mipBinary, { timeoutMs: 30_000 }) : undefined;
  afterAll(() => backend?.stop());

  it.skipIf(!mipBinary)('spawns the binary once per step, and reports what it printed', async () => {
    const scenario = parseScenario(SCENARIO, 'every-step.yaml');
    await backend!.start();
    spawned.length = 0;
    const obs = await backend!.run(scenario);
    const mine = spawned.filter((s) => s.binary === mipBinary!.path);
    // install, two syspath edits, one import, one decompress: five processes of the binary.
    expect(mine).toHaveLength(5);
    expect(mine[0]!.args.slice(-5)).toEqual(['-m', 'mip', 'install', '--no-mpy', 'hello']);
    expect(mine[1]!.args.at(-1)).toMatch(/_MIPRIG_EDIT = \['remove', '\/nonexistent'\]/);
    expect(mine[2]!.args.at(-1)).toMatch(/_MIPRIG_EDIT = \['move', \['\.frozen', 'end', None\]\]/);
    expect(mine[3]!.args.at(-1)).toMatch(/^import sys\nsys\.path\[:\] = |^import hello\n/);
    expect(mine[4]!.args.at(-1)).toMatch(/_miprig_decompress\('\/data\.gz'/);
    // The failed remove: the binary's traceback, and sys.path left as it was for the next step.
    expect(obs.output).toContain('ValueError: object not in sequence');
    expect(obs.imports).toEqual({ hello: '/home/.micropython/lib/hello.py' });
    expect(obs.decompress).toEqual({ '/data.gz': 'ok 5' });
    expect(obs.backendKind).toBe('real');
  });

  it.skipIf(!mipBinary)('names the installer by what the binary carries (mip.__version__), not by a table', async () => {
    expect(mipBinary!.installerIdentity?.name).toBe('mip');
    expect(mipBinary!.installerIdentity?.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
