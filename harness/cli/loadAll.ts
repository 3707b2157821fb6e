import { findScenarioFiles } from '../scenario/findScenarioFiles.ts';
import { loadScenario, type LoadedScenario } from '../scenario/loadScenario.ts';
import { ScenarioError, throwScenarioErrors } from '../scenario/ScenarioError.ts';
import type { CorpusPool } from '../parallel/CorpusPool.ts';
import { SpecCache } from '../scenario/specCache.ts';

/**
 * Load every scenario under `paths`. All bad files are reported (one line each) before giving
 * up, so a user fixes them in one go; then a `ScenarioError` is thrown (exit 2). `parallel`,
 * given the number of files, may return a pool of worker threads to parse them in.
 */
export async function loadAll(paths: readonly string[], parallel?: (files: number) => CorpusPool | undefined): Promise<LoadedScenario[]> {
  const files = await findScenarioFiles(paths);
  const pool = parallel?.(files.length);
  const cache = SpecCache.forThisBuild();
  const loaded = pool ? await pool.load(files) : await loadEach(files, cache);
  if (cache) {
    // Threads read the cache but do not write it: one writer keeps every entry.
    if (pool) for (const s of loaded) cache.set(s.file, s.text, s.spec);
    cache.save();
  }
  const names = new Map<string, string>();
  for (const s of loaded) {
    const other = names.get(s.spec.name);
    if (other) throw new ScenarioError(s.file, 'name', `"${s.spec.name}" is also the name of ${other}; names must be unique`);
    names.set(s.spec.name, s.file);
  }
  return loaded;
}

async function loadEach(files: readonly string[], cache: SpecCache | undefined): Promise<LoadedScenario[]> {
  const loaded: LoadedScenario[] = [];
  const errors: ScenarioError[] = [];
  for (const file of files) {
    try {
      loaded.push(await loadScenario(file, cache));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      errors.push(err);
    }
  }
  throwScenarioErrors(errors);
  return loaded;
}
