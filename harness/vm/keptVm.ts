import type { VmWorker } from './VmWorker.ts';

/**
 * When a run (a module body, a vm-backend scenario) may use a kept VM, reset rather than loaded
 * afresh (python/vm_reset.py puts back modules, globals, sys.path and argv, the folder, the
 * collector and the compiler's level; the worker wipes the files). What a reset cannot put back,
 * it avoids:
 * - overrides of built-ins (`builtins.x = …`) live in a table Python cannot list, and mounts
 *   (`os.mount`, `os.umount`) in the VM's C state: a device whose files name either gets a VM of
 *   its own (a word that merely contains one, `amount`, costs only the speed-up);
 * - a run that ran out of memory leaves a heap no fresh VM has: that VM is dropped;
 * - any VM is dropped after `KEPT_USES` runs, so what a reset leaves (interned names, heap
 *   layout) stays bounded.
 */
export const KEPT_USES = 64;

const UNRESETTABLE = ['builtins', 'mount'].map((word) => Buffer.from(word));

/**
 * Whether a run on a device with these files may use a kept VM.
 *
 * @example
 * mayReuseVm([['/lib/a.py', bytes('x = 1')]]);                        // true
 * mayReuseVm([['/lib/a.py', bytes('import builtins; builtins.x = 1')]]); // false
 */
export function mayReuseVm(files: Iterable<readonly [string, Uint8Array]>): boolean {
  for (const [, bytes] of files) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (UNRESETTABLE.some((word) => text.includes(word))) return false;
  }
  return true;
}

/**
 * After a run on `worker`'s kept VM (`output`: the lines it printed): drop that VM when the run
 * ran out of memory or the VM has served `KEPT_USES` runs.
 *
 * @example
 * await afterKeptRun(worker, session.log.output);
 */
export async function afterKeptRun(worker: VmWorker, output: readonly string[]): Promise<void> {
  if (worker.keptUses >= KEPT_USES || output.some((line) => line.startsWith('MemoryError'))) await worker.dropKept();
}
