import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The suite's own cache folder (the compiled LD_PRELOAD shim, `miprig build` products), so a test
 * run writes nothing under the user's home; removed afterwards. A cache the caller names with
 * MIPRIG_CACHE_DIR is used as it is (and kept).
 */
export default function setup(): () => void {
  if (process.env['MIPRIG_CACHE_DIR']) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'miprig-test-cache-'));
  process.env['MIPRIG_CACHE_DIR'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
