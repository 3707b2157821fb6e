import type { SyspathStep } from '../../src/scenario/schema.ts';
import { pyLiteral, type PyValue } from './pyLiteral.ts';
import { pythonSource } from './python/pythonSource.ts';

/**
 * The `-c` source that makes a real binary apply a scenario's `syspath` step to its own
 * `sys.path` (python/syspath_edit.py) and print the result as `miprig-syspath: <json list>`:
 * the step's data as two constants, then the file's fixed text.
 *
 * @example
 * syspathEditSource(['', '.frozen', '/lib'], { remove: '/nonexistent' });
 * // "_MIPRIG_PATH = ['', '.frozen', '/lib']\n_MIPRIG_EDIT = ['remove', '/nonexistent']\n# A scenario's…"
 */
export function syspathEditSource(sysPath: readonly string[], step: SyspathStep): string {
  return `_MIPRIG_PATH = ${pyLiteral([...sysPath])}\n_MIPRIG_EDIT = ${pyLiteral(editTuple(step))}\n${pythonSource('syspath_edit')}`;
}

/** The edit as (operation, argument); a tuple literal is a list here, which the Python unpacks alike. */
function editTuple(step: SyspathStep): PyValue[] {
  if ('set' in step) return ['set', [...step.set]];
  if ('remove' in step) return ['remove', step.remove];
  if ('append' in step) return ['append', step.append];
  if ('insert' in step) return ['insert', [step.insert.index, step.insert.entry]];
  const { entry, after, before, toEnd } = step.move;
  const anchors = [after !== undefined, before !== undefined, toEnd === true].filter(Boolean).length;
  if (anchors !== 1) throw new Error(`syspath move of "${entry}" needs exactly one of after, before or toEnd: true (got ${anchors})`);
  if (toEnd) return ['move', [entry, 'end', null]];
  return after !== undefined ? ['move', [entry, 'after', after]] : ['move', [entry, 'before', before!]];
}
