import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LAUNCHER_CORE_FILE, LAUNCHER_FILE, LAUNCHER_MODULE, launcherSource, type LauncherConfig } from './launcher.ts';
import { runMicropython, type BinaryInfo, type RunOptions } from './MicropythonBinary.ts';
import type { ProcessGroupResult } from './processGroup.ts';
import { toHostPath } from './runRoot.ts';

export type StepOptions = Omit<LauncherConfig, 'runRoot' | 'core'> &
  Omit<RunOptions, 'args'> & {
    /**
     * The launcher's functions as `.mpy` (`LauncherForm.core` from precompileLauncher): written
     * next to the launcher, which then imports them instead of compiling them. Omit to run the
     * launcher as source.
     */
    precompiledCore?: Uint8Array;
  };

/**
 * Run one step through the launcher: write `<runRoot>/_miprig_launch.py` (and
 * `_miprig_core.mpy` when precompiled), run `micropython -m _miprig_launch` in the run root, then
 * delete them again so the device's file tree holds only what the installer wrote.
 *
 * @example
 * const ports = await server.start();
 * const r = await runLauncherStep(binary, {
 *   runRoot: root, portMap: ports.portMap,
 *   step: { kind: 'main', module: 'mip', argv: ['install', 'pkg'] },
 * });
 */
export async function runLauncherStep(binary: string | BinaryInfo, options: StepOptions): Promise<ProcessGroupResult> {
  // The launcher is found through sys.path[0] = '' (the cwd), so it goes where the binary runs.
  const dir = options.cwd ? toHostPath(options.runRoot, options.cwd) : options.runRoot;
  const file = path.join(dir, LAUNCHER_FILE);
  const coreFile = path.join(dir, LAUNCHER_CORE_FILE);
  const core = options.precompiledCore;
  // Sync: small files on every step's critical path (see createRunRoot).
  if (core) writeFileSync(coreFile, core);
  writeFileSync(file, launcherSource({ ...options, core: core ? 'module' : 'inline' }));
  try {
    return await runMicropython(binary, { ...options, args: ['-m', LAUNCHER_MODULE] });
  } finally {
    rmSync(file, { force: true });
    if (core) rmSync(coreFile, { force: true });
  }
}
