import { describe, expect, it } from 'vitest';
import { runMicropython } from '../../harness/unix/MicropythonBinary.ts';
import { createRunRoot, removeRunRoot } from '../../harness/unix/runRoot.ts';
import { NEEDS_BINARY, realBinaries } from './realBinaries.ts';

describe.skipIf(realBinaries.length === 0)(`step timeout on a real binary${NEEDS_BINARY}`, () => {
  it('kills `while True: pass` and returns the output printed before', async () => {
    const root = await createRunRoot();
    try {
      const r = await runMicropython(realBinaries[0] as string, {
        runRoot: root,
        args: ['-c', "print('before')\nwhile True:\n    pass"],
        timeoutMs: 500,
      });
      expect(r).toMatchObject({ timedOut: true, signal: 'SIGKILL', exitCode: null, stdout: ['before'] });
    } finally {
      await removeRunRoot(root);
    }
  });
});
