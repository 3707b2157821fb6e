/**
 * When a module body may run on a kept VM, reset rather than loaded afresh (python/vm_reset.py
 * puts back modules, globals, sys.path and argv, the folder, the collector and the compiler's
 * level; the worker wipes the files). What a reset cannot put back, it avoids:
 * - overrides of built-ins (`builtins.x = …`) live in a table Python cannot list, and mounts
 *   (`os.mount`, `os.umount`) in the VM's C state: a device whose files name either gets a VM of
 *   its own (a word that merely contains one, `amount`, costs only the speed-up);
 * - a body that ran out of memory leaves a heap no fresh VM has: that VM is dropped;
 * - any VM is dropped after `KEPT_USES` bodies, so what a reset leaves (interned names, heap
 *   layout) stays bounded.
 */
export const KEPT_USES = 64;

const UNRESETTABLE = ['builtins', 'mount'].map((word) => Buffer.from(word));

/**
 * Whether a module body on a device with these files may run on a kept VM.
 *
 * @example
 * mayReuseVm(new Map([['/lib/a.py', bytes('x = 1')]]));                        // true
 * mayReuseVm(new Map([['/lib/a.py', bytes('import builtins; builtins.x = 1')]])); // false
 */
export function mayReuseVm(files: ReadonlyMap<string, Uint8Array>): boolean {
  for (const bytes of files.values()) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (UNRESETTABLE.some((word) => text.includes(word))) return false;
  }
  return true;
}

/**
 * Whether a kept VM is to be dropped after a body: it ran out of memory, or it has served
 * `KEPT_USES` bodies.
 *
 * @example
 * dropKeptVm(3, 'MemoryError: memory allocation failed'); // true
 */
export function dropKeptVm(uses: number, raised: string | undefined): boolean {
  return uses >= KEPT_USES || (raised?.startsWith('MemoryError') ?? false);
}
