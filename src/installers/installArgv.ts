import type { InstallStep } from '../scenario/schema.ts';
import { pinnedUpipSpecs } from './upipPinnedSpec.ts';

/**
 * The argv after `micropython -m mip` (or `-m upip`) for an install step, as a user would type it;
 * a step's `command` is that argv whole (`mip list`, or no command at all).
 *
 * @example
 * mipArgv({ installer: 'mip-cmdline', spec: 'foo', version: '1.0', target: '/lib', mpy: false })
 * // ['install', '--target', '/lib', '--no-mpy', 'foo@1.0']
 * mipArgv({ installer: 'mip-cmdline', spec: [], mpy: true, command: ['list'] }) // ['list']
 */
export function mipArgv(step: InstallStep): string[] {
  if (step.command) return [...step.command];
  if (step.argv) return ['install', ...step.argv];
  const specs = Array.isArray(step.spec) ? step.spec : [step.spec];
  const args = ['install'];
  if (step.target !== undefined) args.push('--target', step.target);
  if (step.index !== undefined) args.push('--index', step.index);
  if (!step.mpy) args.push('--no-mpy');
  for (const s of specs) args.push(step.version !== undefined && !s.includes('@') ? `${s}@${step.version}` : s);
  return args;
}

/**
 * The argv after `micropython -m upip`.
 *
 * @example
 * upipArgv({ installer: 'upip-cmdline', spec: 'micropython-foo', target: '/lib', mpy: true })
 * // ['install', '-p', '/lib', 'micropython-foo']
 */
export function upipArgv(step: InstallStep): string[] {
  if (step.command) return [...step.command];
  if (step.argv) return ['install', ...step.argv];
  const specs = Array.isArray(step.spec) ? step.spec : [step.spec];
  const args = ['install'];
  if (step.target !== undefined) args.push('-p', step.target);
  if (step.index !== undefined) args.push('-i', step.index);
  if (step.requirements !== undefined) args.push('-r', step.requirements);
  args.push(...pinnedUpipSpecs(specs, step.version));
  return args;
}

/**
 * The argv after `python3 micropip.py`: as upip's, without `-i` (micropip has none) and `==`.
 *
 * @example
 * micropipArgv({ installer: 'micropip', spec: 'micropython-foo', target: '/lib', mpy: true })
 * // ['install', '-p', '/lib', 'micropython-foo']
 */
export function micropipArgv(step: InstallStep): string[] {
  if (step.command) return [...step.command];
  if (step.argv) return ['install', ...step.argv];
  const specs = Array.isArray(step.spec) ? step.spec : [step.spec];
  const args = ['install'];
  if (step.target !== undefined) args.push('-p', step.target);
  if (step.requirements !== undefined) args.push('-r', step.requirements);
  args.push(...specs);
  return args;
}

/**
 * The argv after `mpremote` for an install step: `mip install [--target T] [--index I] [--no-mpy] SPEC@VERSION…`.
 *
 * @example
 * mpremoteArgv({ installer: 'mpremote', spec: 'foo', version: '1.0', mpy: false }) // ['mip', 'install', '--no-mpy', 'foo@1.0']
 */
export function mpremoteArgv(step: InstallStep): string[] {
  if (step.command) return [...step.command];
  return ['mip', ...mipArgv({ ...step, command: undefined })];
}

/** Normalise the `install: foo` shorthand to a full step. */
export function normaliseInstall(step: string | InstallStep): InstallStep {
  return typeof step === 'string' ? { installer: 'mip', spec: step, mpy: true } : step;
}
