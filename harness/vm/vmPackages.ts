import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { compareVersions } from '../../src/scenario/version.ts';

/**
 * MicroPython's webassembly port as published on npm (@micropython/micropython-webassembly-pyscript),
 * installed under one alias per release: `micropython-vm-<version>` (package.json).
 */
export const VM_RELEASES = ['1.24.1', '1.25.0', '1.26.0', '1.27.0'] as const;

/** An installed VM release: its version and the URL of its loader module. */
export interface VmPackage {
  version: string;
  url: string;
}

/**
 * The VM releases installed next to miprig, oldest first.
 *
 * @example
 * installedVms().map((v) => v.version); // ['1.24.1', '1.25.0', '1.26.0', '1.27.0']
 */
export function installedVms(): VmPackage[] {
  const require = createRequire(import.meta.url);
  const found: VmPackage[] = [];
  for (const version of VM_RELEASES) {
    try {
      found.push({ version, url: pathToFileURL(require.resolve(`micropython-vm-${version}/micropython.mjs`)).href });
    } catch {
      // not installed (optional dependency)
    }
  }
  return found;
}

/**
 * The VM for a device version: the newest installed release at or below it, or undefined.
 *
 * @example
 * vmFor('1.26.1', installedVms())?.version; // '1.26.0'
 */
export function vmFor(version: string, vms: readonly VmPackage[]): VmPackage | undefined {
  let best: VmPackage | undefined;
  for (const vm of vms) if (compareVersions(vm.version, version) <= 0) best = vm;
  return best;
}
