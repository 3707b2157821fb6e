import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBinaries } from '../../harness/build/resolveBinary.ts';
import { binariesFromEnv } from '../../harness/unix/MicropythonBinary.ts';

/**
 * The suite's own cache folder (the compiled LD_PRELOAD shim, `miprig build` products), so a test
 * run writes nothing under the user's home; removed afterwards. A cache the caller names with
 * MIPRIG_CACHE_DIR is used as it is (and kept). Versions in MIPRIG_MICROPYTHON (`1.22.2`,
 * `1.22.2-nobtree`: builds of `miprig build`) are resolved to paths first, from the user's cache.
 */
export default function setup(): () => void {
  const given = binariesFromEnv();
  if (given.length) process.env['MIPRIG_MICROPYTHON'] = resolveBinaries(given).join(':');
  if (process.env['MIPRIG_CACHE_DIR']) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'miprig-test-cache-'));
  process.env['MIPRIG_CACHE_DIR'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
