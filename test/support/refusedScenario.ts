import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from './captureOutput.ts';
import { tempFiles } from './tempScenarios.ts';

/** What `miprig run FILE` did with one scenario file, and what it left in the file's folder. */
export interface RefusedRun {
  /** The scenario file's path, as the message names it. */
  file: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Entries of the scenario's folder after the run, besides the scenario file itself. */
  leftovers: string[];
  /** Entries of the run-root folder the run was given (`MIPRIG_RUN_ROOT_DIR`); empty when nothing was made. */
  runRoots: string[];
}

/**
 * Write `content` (text, or raw bytes for encodings YAML text cannot carry) as the only file of a
 * fresh folder, run `miprig run FILE` through the CLI with its output captured and its run roots
 * sent to a folder of its own, and report; the folder is removed afterwards.
 *
 * @example
 * const r = await runScenarioFile('name: x\nsteps: []\n');
 * r.exitCode // 2
 */
export async function runScenarioFile(content: string | Uint8Array, name = 'scenario.yaml'): Promise<RefusedRun> {
  const t = await tempFiles({});
  const saved = process.env['MIPRIG_RUN_ROOT_DIR'];
  try {
    const file = t.path(name);
    await writeFile(file, content);
    const roots = t.path('run-roots');
    await mkdir(roots);
    process.env['MIPRIG_RUN_ROOT_DIR'] = roots;
    const { result, stdout, stderr } = await captureOutput(() => main(['run', file]));
    return {
      file,
      exitCode: result,
      stdout,
      stderr,
      leftovers: (await readdir(t.root)).filter((n) => n !== name && n !== 'run-roots'),
      runRoots: await readdir(join(roots)),
    };
  } finally {
    if (saved === undefined) delete process.env['MIPRIG_RUN_ROOT_DIR'];
    else process.env['MIPRIG_RUN_ROOT_DIR'] = saved;
    await t.cleanup();
  }
}

/**
 * The contract for a bad scenario file: exit 2, nothing on stdout, exactly `miprig: LINE` on
 * stderr (one line, no stack trace), and nothing left behind.
 *
 * @example
 * expectRefused(await runScenarioFile(text), `${'<file>'}:7: device.files["x"]: …`);
 */
export function expectRefused(run: RefusedRun, line: string): void {
  expect(run.stderr).toBe(`miprig: ${line}\n`);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.leftovers).toEqual([]);
  expect(run.runRoots).toEqual([]);
}
