/** Test helpers: a virtual device and a world from partial scenario specs. */
import { buildDevice } from '../../src/device/buildDevice.ts';
import type { VirtualDevice } from '../../src/device/VirtualDevice.ts';
import type { BuildProfile } from '../../src/device/buildProfile.ts';
import { deviceSpec, worldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import type { World } from '../../src/world/World.ts';

export async function setup(
  device: Record<string, unknown>,
  world: Record<string, unknown>,
  build?: BuildProfile,
): Promise<{ device: VirtualDevice; world: World }> {
  return {
    device: await buildDevice(deviceSpec.parse({ port: 'unix', version: '1.19.1', ...device }), build),
    world: await createWorld(worldSpec.parse(world)),
  };
}

/** A PyPI-style index with one-release sdist packages: name → [version, files, requires?]. */
export function pypi(url: string, packages: Record<string, { version: string; files: Record<string, unknown>; requires?: string[]; windowBits?: number; style?: string }>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(packages)) {
    out[name] = { releases: { [p.version]: [{ content: { sdist: { name, ...p } } }] } };
  }
  return { url, packages: out };
}

export const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : new TextDecoder().decode(b));
