/**
 * A scenario's `syspath` step applied to `sys.path` the way Python code on the device would do it
 * (`sys.path` is assignable only from v1.21.0, py/modsys.c commit 5e50975a6d):
 *
 * - `set`: `sys.path = [...]`; ≤v1.20 raises `AttributeError: 'module' object has no attribute 'path'`
 *   (sys.path cannot be rebound), v1.21+ replaces the list.
 * - `remove`: `sys.path.remove(x)`; a missing entry raises `ValueError: object not in sequence`.
 * - `append`, `insert` (`list.insert`: negative index counts from the end, then clamps).
 * - `move`: `remove(entry)` then `insert(index(after) + 1)` / `insert(index(before))` / `append`;
 *   a missing anchor raises `ValueError: object not in sequence` (after the removal, as that code would).
 *
 * The Python exception is *returned* (not thrown): a step that raises is an outcome to report.
 * The list is edited in place.
 */
import type { SyspathStep } from '../scenario/schema.ts';
import { atLeast } from '../scenario/version.ts';
import type { Version } from '../scenario/version.ts';
import { PyException } from '../py/PyException.ts';

const notInSequence = (): PyException => new PyException('ValueError', 'object not in sequence');

/**
 * @example
 * const p = ['', '.frozen', '/lib'];
 * applySyspathStep(p, { move: { entry: '.frozen', toEnd: true } }, '1.22.2');  // null; p = ['', '/lib', '.frozen']
 * applySyspathStep(p, { set: [] }, '1.19.1')?.line  // "AttributeError: 'module' object has no attribute 'path'"
 */
export function applySyspathStep(sysPath: string[], step: SyspathStep, version: Version): PyException | null {
  if ('set' in step) {
    if (!atLeast(version, '1.21')) return new PyException('AttributeError', "'module' object has no attribute 'path'");
    sysPath.splice(0, sysPath.length, ...step.set);
    return null;
  }
  if ('remove' in step) return remove(sysPath, step.remove);
  if ('append' in step) {
    sysPath.push(step.append);
    return null;
  }
  if ('insert' in step) {
    insert(sysPath, step.insert.index, step.insert.entry);
    return null;
  }
  const { entry, after, before, toEnd } = step.move;
  const anchors = [after !== undefined, before !== undefined, toEnd === true].filter(Boolean).length;
  if (anchors !== 1) {
    throw new Error(`syspath move of "${entry}" needs exactly one of after, before or toEnd: true (got ${anchors})`);
  }
  const removed = remove(sysPath, entry);
  if (removed) return removed;
  if (toEnd) {
    sysPath.push(entry);
    return null;
  }
  const anchor = (after ?? before)!;
  const at = sysPath.indexOf(anchor);
  if (at < 0) return notInSequence();
  sysPath.splice(after !== undefined ? at + 1 : at, 0, entry);
  return null;
}

function remove(sysPath: string[], entry: string): PyException | null {
  const at = sysPath.indexOf(entry);
  if (at < 0) return notInSequence();
  sysPath.splice(at, 1);
  return null;
}

/** `list.insert(index, x)`. */
function insert(list: string[], index: number, entry: string): void {
  let at = index < 0 ? index + list.length : index;
  at = Math.max(0, Math.min(list.length, at));
  list.splice(at, 0, entry);
}

/**
 * `applySyspathStep` on a device's own `sys.path` and version.
 *
 * @example
 * applySyspathEdit(device, { remove: '.frozen' });  // null, or the ValueError to print
 */
export function applySyspathEdit(device: { sysPath: string[]; version: Version }, step: SyspathStep): PyException | null {
  return applySyspathStep(device.sysPath, step, device.version);
}
