import { describe, expect, it } from 'vitest';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { importsFrom, normalizeOutput } from '../../harness/unix/normalizeOutput.ts';
import { createRunRoot, removeRunRoot, toHostPath, writeDeviceFiles } from '../../harness/unix/runRoot.ts';
import { runLauncherStep } from '../../harness/unix/runStep.ts';
import { NEEDS_BINARY, realBinaries } from './realBinaries.ts';

describe.skipIf(realBinaries.length === 0)(`import checks report where each module came from${NEEDS_BINARY}`, () => {
  it.each(realBinaries.length ? realBinaries : ['(none given)'])('%s: builtin, frozen, cwd file, lib package, namespace, missing', async (binary) => {
    const info = await probeBinary(binary);
    const root = await createRunRoot();
    const text = (s: string): Uint8Array => new TextEncoder().encode(s);
    try {
      await writeDeviceFiles(root, new Map([
        ['/cwdmod.py', text('x = 1\n')],
        ['/home/.micropython/lib/lpkg/__init__.py', text('')],
        ['/home/.micropython/lib/lpkg/sub.py', text('')],
        ['/home/.micropython/lib/nspkg/m.py', text('')],
        ['/lib/only_here.py', text('')],
      ]));
      const r = await runLauncherStep(info, {
        runRoot: root,
        portMap: {},
        // sys.path edits happen in the same process, before the imports.
        sysPath: ['', '.frozen', toHostPath(root, '/home/.micropython/lib'), toHostPath(root, '/lib')],
        step: { kind: 'imports', modules: ['sys', info.installer as string, 'cwdmod', 'lpkg', 'lpkg.sub', 'nspkg', 'only_here', 'nothere'] },
      });
      expect(r.exitCode).toBe(0);
      const out = normalizeOutput(r.stdout, { runRoot: root });
      expect(importsFrom(out.protocol)).toEqual({
        sys: 'builtin',
        [info.installer as string]: 'frozen',
        cwdmod: '/cwdmod.py',
        lpkg: '/home/.micropython/lib/lpkg/__init__.py',
        'lpkg.sub': '/home/.micropython/lib/lpkg/sub.py',
        nspkg: 'namespace',
        only_here: '/lib/only_here.py',
        nothere: "ImportError: no module named 'nothere'",
      });
    } finally {
      await removeRunRoot(root);
    }
  });
});
