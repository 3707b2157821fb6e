import type { ResourceStep } from '../steps/StepSession.ts';
import { pyLiteral } from './pyLiteral.ts';
import { pythonSource } from './python/pythonSource.ts';

/**
 * The Python of a `resource` step (python/resource_read.py) with its data in front, for a binary
 * (`-c`) or the VM.
 *
 * @example
 * resourceSource({ package: 'pkg', name: 'a.txt' }); // "_MIPRIG_RESOURCE = ['pkg', 'a.txt']\n# A scenario's…"
 */
export function resourceSource(step: ResourceStep): string {
  return `_MIPRIG_RESOURCE = ${pyLiteral([step.package, step.name])}\n${pythonSource('resource_read')}`;
}
