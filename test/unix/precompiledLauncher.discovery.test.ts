// Which launcher form a backend picks when no usable mpy-cross is there, and what it says: these
// cases never run a binary (discovery stops before), so they need none.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BinaryInfo } from '../../harness/unix/MicropythonBinary.ts';
import { describeLauncherForm, mpyCrossCandidates, precompileLauncher } from '../../harness/unix/precompiledLauncher.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'miprig-test-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Facts about a binary at a path where nothing sits beside it (nothing here executes it). */
const lonely: BinaryInfo = {
  path: path.join(dir, 'micropython'),
  version: '1.27.0',
  versionTuple: [1, 27, 0],
  mpy: 0x0b06,
  installer: 'mip',
  installerIdentity: { name: 'mip', version: '0.4.2' },
  tls: 'tls',
};

describe('launcher form without a usable mpy-cross', () => {
  it('MIPRIG_MPY_CROSS=off runs the launcher as source, and says so', async () => {
    const form = await precompileLauncher(lonely, { MIPRIG_MPY_CROSS: 'off' });
    expect(form).toEqual({ kind: 'source', reason: 'MIPRIG_MPY_CROSS=off' });
    expect(describeLauncherForm(form)).toBe('compiled by the binary on each run (MIPRIG_MPY_CROSS=off)');
  });

  it('no mpy-cross beside the binary or in its source tree: source form, naming where it looked', async () => {
    const form = await precompileLauncher(lonely, {});
    expect(form.kind).toBe('source');
    expect(form.kind === 'source' && form.reason).toBe(`no mpy-cross next to ${lonely.path} or in its source tree (set MIPRIG_MPY_CROSS to use one)`);
  });

  it('MIPRIG_MPY_CROSS naming a missing file is an error naming the path (asked for by name, not silently ignored)', async () => {
    const missing = path.join(dir, 'nope', 'mpy-cross');
    await expect(precompileLauncher(lonely, { MIPRIG_MPY_CROSS: missing })).rejects.toThrow(
      `MIPRIG_MPY_CROSS=${missing}: ${missing} is not an executable file; point it at mpy-cross (built in mpy-cross/build/) or unset it`,
    );
  });

  it('a non-executable mpy-cross beside the binary is passed over', async () => {
    await writeFile(path.join(dir, 'mpy-cross'), '#!/bin/sh\n', { mode: 0o644 });
    const form = await precompileLauncher(lonely, {});
    expect(form.kind).toBe('source');
  });

  it('looks beside the binary, then where a source tree builds mpy-cross (v1.20+ build-<variant>/, then ports/unix/)', () => {
    expect(mpyCrossCandidates('/src/mp/ports/unix/build-standard/micropython')).toEqual([
      '/src/mp/ports/unix/build-standard/mpy-cross',
      '/src/mp/mpy-cross/build/mpy-cross',
      '/src/mp/ports/mpy-cross/build/mpy-cross',
    ]);
    expect(mpyCrossCandidates('/src/mp/ports/unix/micropython')[2]).toBe('/src/mp/mpy-cross/build/mpy-cross');
  });
});
