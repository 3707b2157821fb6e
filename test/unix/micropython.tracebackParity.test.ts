import { describe, expect, it } from 'vitest';
import { probeBinary, runMicropython } from '../../harness/unix/MicropythonBinary.ts';
import { normalizeOutput } from '../../harness/unix/normalizeOutput.ts';
import { createRunRoot, removeRunRoot } from '../../harness/unix/runRoot.ts';
import { runLauncherStep } from '../../harness/unix/runStep.ts';
import { NEEDS_BINARY, realBinaries } from './realBinaries.ts';

// Failures that need no network, so the direct `-m` run stays hermetic.
const CASES: Record<'mip' | 'upip', string[][]> = {
  mip: [['install', 'a@b@c'], ['install', '--bogus'], ['frob'], []],
  upip: [['install', '-p'], ['frob'], ['-h']],
};

describe.skipIf(realBinaries.length === 0)(`the launcher reproduces a direct -m run${NEEDS_BINARY}`, () => {
  it.each(realBinaries.length ? realBinaries : ['(none given)'])('%s: same output (frame lines aside), same stream, same exit status', async (binary) => {
    const info = await probeBinary(binary);
    const installer = info.installer as 'mip' | 'upip';
    const root = await createRunRoot();
    try {
      for (const argv of CASES[installer]) {
        const direct = await runMicropython(info, { runRoot: root, args: ['-m', installer, ...argv] });
        const launched = await runLauncherStep(info, { runRoot: root, portMap: {}, step: { kind: 'main', module: installer, argv } });
        const view = (r: typeof direct): unknown => ({
          exit: r.exitCode,
          stdout: normalizeOutput(r.stdout, { runRoot: root }).lines,
          stderr: normalizeOutput(r.stderr, { runRoot: root }).lines,
        });
        expect(view(launched), argv.join(' ')).toEqual(view(direct));
      }
    } finally {
      await removeRunRoot(root);
    }
  });
});
