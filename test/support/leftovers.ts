import { readdirSync, readFileSync } from 'node:fs';

/**
 * Processes still running whose command line contains `needle` (read from /proc: what a test of
 * "nothing is left behind" looks for after a run).
 *
 * @example
 * processesMatching('sleep 4242'); // [] when the run cleaned up
 */
export function processesMatching(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ');
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (cmdline.includes(needle) && state !== 'Z') found.push(Number(entry));
    } catch {
      // gone while we looked
    }
  }
  return found;
}

/**
 * Processes still running whose environment names a run root under `folder` (MIPRIG_ROOT):
 * what an interrupted run must not leave.
 *
 * @example
 * processesOfRunRootsIn('/tmp/miprig-roots-x'); // []
 */
export function processesOfRunRootsIn(folder: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (env.some((v) => v.startsWith(`MIPRIG_ROOT=${folder}/`))) found.push(Number(entry));
    } catch {
      // gone, or not readable
    }
  }
  return found;
}
