import { access, constants, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LAUNCHER_CORE_FILE, LAUNCHER_CORE_MODULE, launcherCoreSource } from './launcher.ts';
import { runMicropython, type BinaryInfo } from './MicropythonBinary.ts';
import { pythonSource } from './python/pythonSource.ts';
import { createRunRoot, removeRunRoot } from './runRoot.ts';

/*
 * Why precompile: the binary spends ~0.4 ms compiling the launcher's functions on every run (a
 * bare `micropython -c pass` starts in ~0.8 ms), which is most of the harness's own cost per
 * scenario. Loaded as `.mpy` they cost ~0.05 ms. Only bytecode is emitted, and a bytecode `.mpy`
 * loads on any firmware with the same major `.mpy` version (py/persistentcode.c checks the
 * sub-version only for native code), so the `mpy-cross` built with the binary always fits; one
 * of another release is accepted when its major version matches and the binary loads its output.
 */

/** How a backend's launcher gets its functions: precompiled, or compiled by the binary each run. */
export type LauncherForm =
  | { kind: 'precompiled'; mpyCross: string; mpyCrossVersion: string; core: Uint8Array }
  | { kind: 'source'; reason: string };

/** Environment variable naming the `mpy-cross` to use, or `off` to always run the launcher as source. */
export const MPY_CROSS_ENV = 'MIPRIG_MPY_CROSS';

/**
 * Where an `mpy-cross` for `binary` is looked for: next to it, then where a MicroPython source
 * tree builds it (`ports/unix/build-<variant>/micropython` from v1.20, `ports/unix/micropython`
 * before → `mpy-cross/build/mpy-cross`).
 *
 * @example
 * mpyCrossCandidates('/src/mp/ports/unix/build-standard/micropython');
 * // ['/src/mp/ports/unix/build-standard/mpy-cross', '/src/mp/mpy-cross/build/mpy-cross', …]
 */
export function mpyCrossCandidates(binary: string): string[] {
  const dir = path.dirname(binary);
  return [
    path.join(dir, 'mpy-cross'),
    path.resolve(dir, '../../../mpy-cross/build/mpy-cross'),
    path.resolve(dir, '../../mpy-cross/build/mpy-cross'),
  ];
}

/**
 * Decide the launcher form for one binary: find an `mpy-cross` (`MIPRIG_MPY_CROSS`, else
 * {@link mpyCrossCandidates}), compile {@link launcherCoreSource} with it in a scratch run root,
 * and check that the binary imports the result. Any step that does not work gives the `source`
 * form with the reason; only an `MIPRIG_MPY_CROSS` naming a file that is missing or not
 * executable throws, since the user asked for it by name.
 *
 * @example
 * const form = await precompileLauncher(await probeBinary('/opt/mp/1.27.0/micropython'));
 * form.kind; // 'precompiled' when /opt/mp/1.27.0/mpy-cross exists
 */
export async function precompileLauncher(info: BinaryInfo, env: NodeJS.ProcessEnv = process.env): Promise<LauncherForm> {
  const named = env[MPY_CROSS_ENV]?.trim();
  if (named === 'off') return { kind: 'source', reason: `${MPY_CROSS_ENV}=off` };
  if (info.mpy === null) return { kind: 'source', reason: `${info.path} reports no sys.implementation._mpy, so no .mpy can be checked against it` };
  let mpyCross: string | undefined;
  if (named) {
    mpyCross = path.resolve(named);
    if (!(await isExecutable(mpyCross))) {
      throw new Error(`${MPY_CROSS_ENV}=${named}: ${mpyCross} is not an executable file; point it at mpy-cross (built in mpy-cross/build/) or unset it`);
    }
  } else {
    for (const candidate of mpyCrossCandidates(info.path)) {
      if (await isExecutable(candidate)) {
        mpyCross = candidate;
        break;
      }
    }
    if (!mpyCross) {
      return { kind: 'source', reason: `no mpy-cross next to ${info.path} or in its source tree (set ${MPY_CROSS_ENV} to use one)` };
    }
  }
  const { execa } = await import('execa'); // only the launcher fallback needs it: not loaded at start-up
  const version = await execa(mpyCross, ['--version'], { reject: false, timeout: 10_000 });
  const emits = /emitting mpy v(\d+)/.exec(version.stdout);
  const binaryMajor = info.mpy & 0xff;
  if (!emits || Number(emits[1]) !== binaryMajor) {
    return {
      kind: 'source',
      reason: `${mpyCross} ${emits ? `emits .mpy v${emits[1]}` : `did not say which .mpy it emits (${JSON.stringify(version.stdout.slice(0, 80))})`}, ${info.path} loads v${binaryMajor}`,
    };
  }
  const scratch = await createRunRoot();
  try {
    await writeFile(path.join(scratch, `${LAUNCHER_CORE_MODULE}.py`), launcherCoreSource());
    const compiled = await execa(mpyCross, [`${LAUNCHER_CORE_MODULE}.py`], { cwd: scratch, reject: false, timeout: 30_000 });
    if (compiled.exitCode !== 0) {
      return { kind: 'source', reason: `${mpyCross} could not compile the launcher: ${firstLine(compiled.stderr || compiled.stdout)}` };
    }
    const core = new Uint8Array(await readFile(path.join(scratch, LAUNCHER_CORE_FILE)));
    const check = await runMicropython(info, {
      runRoot: scratch,
      args: ['-c', pythonSource('launcher_core_check')],
      timeoutMs: 10_000,
    });
    if (!check.stdout.includes('miprig-core True')) {
      return { kind: 'source', reason: `${info.path} could not import the launcher compiled by ${mpyCross}: ${firstLine([...check.stdout, ...check.stderr].join('\n'))}` };
    }
    return { kind: 'precompiled', mpyCross, mpyCrossVersion: firstLine(version.stdout), core };
  } finally {
    await removeRunRoot(scratch);
  }
}

/**
 * One line for reports: `precompiled by …/mpy-cross (MicroPython v1.27.0 …)` or `source (…)`.
 *
 * @example
 * describeLauncherForm({ kind: 'source', reason: 'MIPRIG_MPY_CROSS=off' }); // 'compiled by the binary on each run (MIPRIG_MPY_CROSS=off)'
 */
export function describeLauncherForm(form: LauncherForm): string {
  return form.kind === 'precompiled'
    ? `precompiled by ${form.mpyCross} (${form.mpyCrossVersion})`
    : `compiled by the binary on each run (${form.reason})`;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '(no output)';
}
