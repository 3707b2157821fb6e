import { withLoopbackRun } from './withLoopbackRun.ts';
import { describe, expect, it } from 'vitest';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { normalizeOutput, withoutTlsDebugLines } from '../../harness/unix/normalizeOutput.ts';
import { readBack } from '../../harness/unix/runRoot.ts';
import { runLauncherStep } from '../../harness/unix/runStep.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { PKG_SOURCE, mipPackage, upipPackage } from './packageFixtures.ts';
import { NEEDS_BINARY, realBinaries } from './realBinaries.ts';

describe.skipIf(realBinaries.length === 0)(`-m mip / -m upip install through the loopback server${NEEDS_BINARY}`, () => {
  it.each(realBinaries.length ? realBinaries : ['(none given)'])('%s: the package lands in /home/.micropython/lib', async (binary) => {
    const info = await probeBinary(binary);
    const network = new FakeNetwork(info.installer === 'upip' ? await upipPackage({ 'pkg-1.0/pkg.py': PKG_SOURCE }) : mipPackage());
    await withLoopbackRun(network, async ({ root, portMap, server }) => {
      const r = await runLauncherStep(info, {
        runRoot: root,
        portMap,
        step: { kind: 'main', module: info.installer as string, argv: ['install', 'pkg'] },
      });
      const stdout = withoutTlsDebugLines(normalizeOutput(r.stdout, { runRoot: root }).lines);
      expect(r.stderr).toEqual([]);
      expect(r.exitCode).toBe(0);
      expect(await readBack(root)).toEqual(new Map([['/home/.micropython/lib/pkg.py', new TextEncoder().encode(PKG_SOURCE)]]));
      expect(network.log.every((rec) => rec.matched)).toBe(true);
      if (info.installer === 'upip') {
        expect(stdout).toEqual([
          'Installing to: /home/.micropython/lib/',
          'Warning: micropython.org SSL certificate is not validated',
          'Installing pkg 1.0 from https://micropython.org/pi/pkg/pkg-1.0.tar.gz',
        ]);
        expect(network.requests.map((q) => q.headers)).toEqual([[['Host', 'micropython.org:443']], [['Host', 'micropython.org:443']]]);
      } else {
        expect(stdout).toEqual([
          'Installing pkg (latest) from https://micropython.org/pi/v2 to /home/.micropython/lib',
          'Copying: /home/.micropython/lib/pkg.py',
          'Done',
        ]);
        expect(network.requests.map((q) => q.httpVersion)).toEqual(['1.0', '1.0']);
      }
      expect(server.problems).toEqual([]);
    });
  });
});
