import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ScenarioError } from './ScenarioError.ts';

const SCENARIO_FILE = /\.ya?ml$/;

/**
 * Expand paths (files or directories, searched recursively) into scenario files, sorted.
 *
 * @example
 * await findScenarioFiles(['scenarios']) // ['scenarios/mip/deps-diamond.yaml', …]
 */
export async function findScenarioFiles(paths: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new ScenarioError(path, '', 'no such file or directory (give a scenario file or a folder of them)');
    }
    if (info.isDirectory()) for (const f of await walk(path)) out.add(f);
    else out.add(path);
  }
  return [...out].sort();
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(p)));
    else if (SCENARIO_FILE.test(e.name)) files.push(p);
  }
  return files;
}
