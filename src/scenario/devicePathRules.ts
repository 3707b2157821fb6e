/**
 * What a device path written in a scenario may be. Every path a scenario names reaches a real
 * filesystem on the unix backend (mapped into the run root) and the device volume (DeviceVolume.ts) on the virtual
 * device, so a path that one side normalises and the other rejects would make the two disagree
 * before the installer runs: `..` is resolved differently by each (and could leave the run root),
 * a NUL byte ends the path in C and throws in Node, and an empty path names nothing. Paths the
 * installer itself computes (`../` entries in a package.json) are not checked here: those are
 * what a scenario tests, reported as `path-escape` findings.
 *
 * @example
 * devicePathProblem('/lib/../a.py', { absolute: true })
 * // { problem: "a device path may not contain '..'", fix: 'write the path it means, e.g. "/a.py"' }
 * devicePathProblem('lib/a.py', { absolute: false }) // undefined
 */
import { z } from 'zod';

/** How strict a field is. */
export interface DevicePathRule {
  /** The field names a place from the root (files keys, mount points, expectations). */
  absolute: boolean;
  /**
   * The path is compared as written with the paths the device lists (`expect.files`, `absent`):
   * `//`, a `.` segment or a trailing `/` would never match, so the check would pass or fail
   * for the wrong reason.
   */
  asListed?: boolean;
}

/** A problem with a path and what to write instead (kept apart so a message can put the value between). */
export interface DevicePathProblem {
  problem: string;
  fix: string;
}

const EXAMPLE = '"/lib/a.py"';

/**
 * The first thing wrong with `path` under `rule`, or undefined when it is fine.
 *
 * @example
 * devicePathProblem('', { absolute: false })?.problem // 'a device path may not be empty'
 */
export function devicePathProblem(path: string, rule: DevicePathRule): DevicePathProblem | undefined {
  if (path === '') return { problem: 'a device path may not be empty', fix: `write one, e.g. ${EXAMPLE}` };
  if (path.includes('\0')) {
    const without = path.replaceAll('\0', '');
    return {
      problem: 'a device path may not contain a NUL character (\\0)',
      fix: without ? `write the path without it, e.g. ${JSON.stringify(without)}` : `write one, e.g. ${EXAMPLE}`,
    };
  }
  const segments = path.split('/');
  if (segments.includes('..')) {
    const meant = normalise(path);
    return {
      problem: "a device path may not contain '..'",
      fix: meant ? `write the path it means, e.g. ${JSON.stringify(meant)}` : "write the path it means, without '..'",
    };
  }
  if (rule.absolute && !path.startsWith('/')) {
    return { problem: "a device path here must be absolute (start with '/')", fix: `write ${JSON.stringify(`/${path}`)}` };
  }
  if (rule.asListed && path !== '/' && (path.endsWith('/') || segments.slice(1).some((s) => s === '' || s === '.'))) {
    return {
      problem: "an expected path is compared with the device's files as they are listed (no '//', '.' or trailing '/')",
      fix: `write ${JSON.stringify(normalise(path))}`,
    };
  }
  return undefined;
}

/**
 * A string field holding a device path; the message quotes the value.
 *
 * @example
 * devicePath({ absolute: false }).safeParse('lib/../x').error?.issues[0]?.message
 * // `a device path may not contain '..', got "lib/../x"; write the path it means, e.g. "x"`
 */
export function devicePath(rule: DevicePathRule): z.ZodString {
  return withMeta(
    z.string().superRefine((path, ctx) => {
      const found = devicePathProblem(path, rule);
      if (found) ctx.addIssue({ code: 'custom', message: valueMessage(found, path), params: { devicePath: true } });
    }),
    rule,
  );
}

/**
 * A record key holding a device path; the key is in the field path of the message, so the
 * message does not repeat it.
 *
 * @example
 * z.record(devicePathKey({ absolute: true }), z.string()).safeParse({ '': 'x' }) // fails: may not be empty
 */
export function devicePathKey(rule: DevicePathRule): z.ZodString {
  return withMeta(
    z.string().superRefine((path, ctx) => {
      const found = devicePathProblem(path, rule);
      if (found) ctx.addIssue({ code: 'custom', message: `${found.problem}; ${found.fix}`, params: { devicePath: true } });
    }),
    rule,
  );
}

/**
 * A `sys.path` entry: `''` (the cwd) and relative entries such as `.frozen` are names the runtime
 * treats specially or joins itself, so only absolute entries follow the device path rules; a NUL
 * is refused in any entry (it would cut `MICROPYPATH` short on the unix backend).
 *
 * @example
 * sysPathEntry.safeParse('').success           // true
 * sysPathEntry.safeParse('/lib/../x').success  // false
 */
export const sysPathEntry: z.ZodString = z.string().superRefine((entry, ctx) => {
  const found = entry.startsWith('/') || entry.includes('\0') ? devicePathProblem(entry, { absolute: true }) : undefined;
  if (found) ctx.addIssue({ code: 'custom', message: valueMessage(found, entry), params: { devicePath: true } });
});

/** The message for a value field: the problem, the value seen (unless empty), what to write. */
function valueMessage(found: DevicePathProblem, path: string): string {
  return `${found.problem}${path === '' ? '' : `, got ${JSON.stringify(path)}`}; ${found.fix}`;
}

/** The same rules for editors: a JSON Schema pattern (non-empty, no NUL, no `..` segment, `/` first when absolute). */
function withMeta(schema: z.ZodString, rule: DevicePathRule): z.ZodString {
  const noDotDot = '(?!(.*/)?\\.\\.(/|$))';
  return schema.meta({
    pattern: rule.absolute ? `^/${noDotDot}[^\\u0000]*$` : `^${noDotDot}[^\\u0000]+$`,
  });
}

/** `path` with `.`, `..` and empty segments resolved; '' when a relative path climbs above its start. */
function normalise(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // Above `/` stays at `/` (POSIX); above a relative path's start is somewhere we cannot name.
      if (parts.length === 0 && !absolute) return '';
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return absolute ? `/${parts.join('/')}` : parts.join('/');
}
