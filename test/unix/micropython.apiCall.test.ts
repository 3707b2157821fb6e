import { withLoopbackRun } from './withLoopbackRun.ts';
import { describe, expect, it } from 'vitest';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { normalizeOutput } from '../../harness/unix/normalizeOutput.ts';
import { readBack, toHostPath } from '../../harness/unix/runRoot.ts';
import { runLauncherStep } from '../../harness/unix/runStep.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { PKG_SOURCE, mipPackage, upipPackage } from './packageFixtures.ts';
import { NEEDS_BINARY, realBinaries } from './realBinaries.ts';

describe.skipIf(realBinaries.length === 0)(`API form: import the installer and call install()${NEEDS_BINARY}`, () => {
  it.each(realBinaries.length ? realBinaries : ['(none given)'])('%s: mip.install(pkg, target=…) / upip.install(pkg, path)', async (binary) => {
    const info = await probeBinary(binary);
    const upip = info.installer === 'upip';
    const network = new FakeNetwork(upip ? await upipPackage({ 'pkg-1.0/pkg.py': PKG_SOURCE }) : mipPackage());
    await withLoopbackRun(network, async ({ root, portMap }) => {
      const target = toHostPath(root, '/lib');
      const r = await runLauncherStep(info, {
        runRoot: root,
        portMap,
        step: upip
          ? { kind: 'call', module: 'upip', func: 'install', args: ['pkg', target] }
          : { kind: 'call', module: 'mip', func: 'install', args: ['pkg'], kwargs: { target } },
      });
      expect(r.exitCode).toBe(0);
      expect(normalizeOutput(r.stdout, { runRoot: root }).protocol).toEqual([{ kind: 'result', text: 'None' }]);
      expect(await readBack(root)).toEqual(new Map([['/lib/pkg.py', new TextEncoder().encode(PKG_SOURCE)]]));
    });
  });
});
