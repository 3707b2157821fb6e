import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedVms } from '../../harness/vm/vmPackages.ts';

/** The VM releases installed (optional dependencies, installed by `npm ci`). */
export const vms = installedVms();

/** Appended to the names of tests that need a VM, so a skip says why. */
export const NEEDS_VM = vms.length ? '' : ' (skipped: no micropython-vm-* package is installed; npm ci installs them)';

/** A folder of installer sources (`{ 'mip.py': text }`), removed by the returned function. */
export function installerFolder(files: Record<string, string>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'miprig-installer-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
