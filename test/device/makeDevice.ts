import { deviceSpec } from '../../src/scenario/schema.ts';
import { createVirtualDevice } from '../../src/device/VirtualDevice.ts';
import type { VirtualDevice } from '../../src/device/VirtualDevice.ts';

/** Test helper: a virtual device from a partial device spec and text (or byte) files. */
export function makeDevice(
  spec: Record<string, unknown> = {},
  files: Record<string, string | Uint8Array> = {},
): VirtualDevice {
  const map = new Map<string, Uint8Array>();
  for (const [path, content] of Object.entries(files)) {
    map.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return createVirtualDevice(deviceSpec.parse(spec), map);
}

/** Where an import came from, in the one-word-or-path form expectations use. */
export function origin(device: VirtualDevice, name: string): string {
  const o = device.importModule(name).origin;
  switch (o.kind) {
    case 'builtin':
      return `builtin:${o.name}`;
    case 'frozen':
      return `frozen:${o.file}`;
    case 'namespace':
      return `namespace:${o.path}`;
    case 'file':
      return o.file;
    case 'error':
      return o.line;
  }
}
