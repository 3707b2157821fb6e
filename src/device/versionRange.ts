import { satisfies } from '../scenario/version.ts';
import type { Version } from '../scenario/version.ts';

/**
 * A table entry that may carry a version range after `@`: `framebuf@>=1.20`, `upip.py@<1.20`.
 * Returns the name when `version` is in range, otherwise undefined.
 *
 * @example
 * nameIfPresent('ssl.py@>=1.23', '1.22.2')  // undefined
 * nameIfPresent('argparse.py', '1.20.0')    // 'argparse.py'
 */
export function nameIfPresent(entry: string, version: Version): string | undefined {
  const at = entry.indexOf('@');
  if (at < 0) return entry;
  return satisfies(version, entry.slice(at + 1)) ? entry.slice(0, at) : undefined;
}

/** Every name of `entries` present at `version`. */
export function namesAt(entries: readonly string[], version: Version): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const name = nameIfPresent(e, version);
    if (name !== undefined) out.push(name);
  }
  return out;
}
