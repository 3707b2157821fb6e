import { withLoopbackRun } from './withLoopbackRun.ts';
import { describe, expect, it } from 'vitest';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { normalizeOutput } from '../../harness/unix/normalizeOutput.ts';

import { runLauncherStep } from '../../harness/unix/runStep.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { NEEDS_BINARY, realBinaries } from './realBinaries.ts';

describe.skipIf(realBinaries.length === 0)(`a host the world does not resolve fails like the unix port's resolver${NEEDS_BINARY}`, () => {
  it.each(realBinaries.length ? realBinaries : ['(none given)'])('%s: no request reaches the world; the installer sees OSError [addrinfo error -2]', async (binary) => {
    const info = await probeBinary(binary);
    const network = new FakeNetwork({}, ['micropython.org']);
    await withLoopbackRun(network, async ({ root, portMap }) => {
      const r = await runLauncherStep(info, {
        runRoot: root,
        portMap,
        dnsPort: portMap[80],
        step: { kind: 'main', module: info.installer as string, argv: ['install', 'pkg'] },
      });
      expect(network.requests).toEqual([]);
      const all = [...normalizeOutput(r.stdout, { runRoot: root }).lines, ...normalizeOutput(r.stderr, { runRoot: root }).lines];
      if (info.installer === 'upip') {
        expect(all).toContain('Error: Unable to resolve micropython.org (no Internet?)');
      } else {
        expect(all.at(-1)).toBe('OSError: [addrinfo error -2]');
      }
      expect(r.exitCode).toBe(1);
    });
  });
});
