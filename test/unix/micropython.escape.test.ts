import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { withLoopbackRun } from './withLoopbackRun.ts';
import { describe, expect, it } from 'vitest';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { normalizeOutput } from '../../harness/unix/normalizeOutput.ts';
import { readBack } from '../../harness/unix/runRoot.ts';
import { runLauncherStep } from '../../harness/unix/runStep.ts';
import { FakeNetwork } from './fakeNetwork.ts';
import { mipPackage, upipPackage } from './packageFixtures.ts';
import { NEEDS_BINARY, realBinaries } from './realBinaries.ts';

describe.skipIf(realBinaries.length === 0)(`writes outside the run root are refused and reported${NEEDS_BINARY}`, () => {
  const cases = realBinaries.flatMap((binary) => [
    { binary, via: 'open()', nested: false },
    { binary, via: 'mkdir()', nested: true },
  ]);
  it.each(cases)('$binary: a ../../ path from the package does not leave the root (refused at $via)', async ({ binary, nested }) => {
    const info = await probeBinary(binary);
    const base = `miprig-escape-${randomBytes(6).toString('hex')}`;
    // nested: the file sits in a new directory outside the root, so the mkdir is what is refused.
    const name = nested ? `${base}/x.py` : `${base}.py`;
    const outside = nested ? `/tmp/${base}` : `/tmp/${name}`;
    const dots = '../'.repeat(12);
    const network = new FakeNetwork(
      info.installer === 'upip'
        ? await upipPackage({ [`pkg-1.0/${dots}tmp/${name}`]: 'evil\n' })
        : {
            ...mipPackage([[`${dots}tmp/${name}`, 'https://example.com/evil.py']]),
            'https://example.com/evil.py': { body: 'evil\n' },
          },
    );
    await withLoopbackRun(network, async ({ root, portMap }) => {
      const r = await runLauncherStep(info, {
        runRoot: root,
        portMap,
        step: { kind: 'main', module: info.installer as string, argv: ['install', 'pkg'] },
      });
      expect(existsSync(outside)).toBe(false);
      expect(await readBack(root)).toEqual(new Map());
      const stderr = normalizeOutput(r.stderr, { runRoot: root });
      expect(stderr.protocol).toEqual([{ kind: 'escape', text: outside }]);
      if (info.installer === 'upip') {
        // upip catches everything in its install loop and exits 0.
        expect(stderr.lines).toEqual(["Error installing 'pkg': [Errno 13] EACCES, packages may be partially installed"]);
        expect(r.exitCode).toBe(0);
      } else {
        // mip lets the OSError from open() propagate: traceback, exit 1.
        expect(stderr.lines).toEqual(['Traceback (most recent call last):', 'OSError: [Errno 13] EACCES']);
        expect(r.exitCode).toBe(1);
      }
    });
  });
});
