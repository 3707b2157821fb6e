import { sha256Hex } from '../src/world/sha256.ts';
import { formatRequest } from './checks/parseRequestLine.ts';
import type { ScenarioRun } from './runScenario.ts';

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

const decoder = new TextDecoder();

function files(run: ScenarioRun): Map<string, Uint8Array> {
  return run.observation?.files ?? new Map();
}

/**
 * vitest/jest matchers for scenario runs. Register once: `expect.extend(miprigMatchers)`.
 *
 * @example
 * expect.extend(miprigMatchers);
 * expect(run).toPass();
 * expect(run).toHaveInstalled('/lib/hello.mpy');
 * expect(run).toHaveInstalled('/lib/hello.py', "print('hi')\n");
 * expect(run).toImportFrom('argparse', 'frozen');
 * expect(run).toHaveRequested('https://micropython.org/pi/v2/package/6/hello/latest.json', 200);
 */
export const miprigMatchers = {
  /** Every check of the scenario passed on this backend. */
  toPass(run: ScenarioRun): MatcherResult {
    const failed = run.result.checks.filter((c) => !c.pass && !c.knownDivergence).map((c) => c.name);
    return {
      pass: run.result.status === 'pass',
      message: () => `expected "${run.result.scenario.name}" on ${run.result.backend} to pass, status ${run.result.status}${failed.length ? ` (failed: ${failed.join(', ')})` : ''}${run.result.reason ? `: ${run.result.reason}` : ''}`,
    };
  },

  /** A file exists at this device path, optionally with this exact content (text or bytes). */
  toHaveInstalled(run: ScenarioRun, path: string, content?: string | Uint8Array): MatcherResult {
    const bytes = files(run).get(path);
    const same = bytes !== undefined && (content === undefined || (typeof content === 'string' ? decoder.decode(bytes) === content : Buffer.compare(Buffer.from(bytes), Buffer.from(content)) === 0));
    return {
      pass: same,
      message: () =>
        bytes === undefined
          ? `expected ${path} on the device; it has: ${[...files(run).keys()].join(', ') || '(no files)'}`
          : `expected ${path} to ${same ? 'not ' : ''}have the given content; it has ${bytes.length} bytes (sha256 ${sha256Hex(bytes).slice(0, 8)})`,
    };
  },

  /** `import module` resolved to `origin`: frozen, builtin, namespace, a device path, or an exception line. */
  toImportFrom(run: ScenarioRun, module: string, origin: string): MatcherResult {
    const got = run.observation?.imports[module];
    return {
      pass: got === origin,
      message: () => `expected import ${module} from ${origin}, got ${got ?? '(not imported by the scenario: add an import step)'}`,
    };
  },

  /** The request log has a GET of this URL (with this status, when given). */
  toHaveRequested(run: ScenarioRun, url: string, status?: number): MatcherResult {
    const hit = run.result.requests.find((r) => r.url === url && (status === undefined || r.status === status));
    return {
      pass: hit !== undefined,
      message: () => `expected a request for ${url}${status ? ` → ${status}` : ''}; requests were:\n${run.result.requests.map((r) => `  ${formatRequest(r)}`).join('\n') || '  (none)'}`,
    };
  },
};

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- must match vitest's own declaration
  interface Matchers<T = any> {
    toPass(): T;
    toHaveInstalled(path: string, content?: string | Uint8Array): T;
    toImportFrom(module: string, origin: string): T;
    toHaveRequested(url: string, status?: number): T;
  }
}
