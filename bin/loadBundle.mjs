// Load the bundled CLI (a CommonJS file) with a V8 code cache: the first run compiles it and
// stores the cache when the process exits; later runs skip compiling. The cache lives in
// miprig's cache folder (harness/cacheDir.ts, compiled beside the bundle in dist/), keyed by the
// bundle's size and time; V8 itself refuses a cache made from other source or by another V8, and
// a refused or unreadable cache only costs a compile.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { cacheDir } from '../dist/harness/cacheDir.js';

/**
 * The bundle's exports (`main`), compiled from the code cache when there is a good one.
 *
 * @example
 * const { main } = loadBundle(new URL('../dist/cli/miprig.cjs', import.meta.url));
 */
export function loadBundle(url) {
  const file = fileURLToPath(url);
  const { size, mtimeMs } = statSync(file);
  const cacheFile = join(cacheDir(), `cli-${process.version}-${size}-${Math.round(mtimeMs)}.v8cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet: compiled below, stored at exit
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (!cachedData || script.cachedDataRejected) {
    // At exit, the cache also holds every function the run compiled, not only the top level.
    process.once('exit', () => {
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const partial = `${cacheFile}.${process.pid}`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // a cache folder that cannot be written only costs the next run a compile
      }
    });
  }
  return module.exports;
}
