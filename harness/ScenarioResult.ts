import type { CheckResult } from './checks/CheckResult.ts';
import type { Finding } from './observation/Observation.ts';

/**
 * One scenario on one backend — the stable JSON report contract (`--reporter json`).
 * Field meanings are documented in the README ("Reading a report").
 */
export interface ScenarioResult {
  /** `tags` as the scenario lists them (the HTML report filters by them). */
  scenario: { name: string; file: string; tags: string[] };
  backend: string;
  runtime: { version: string; mpy: number | null };
  installer: { name: string; version: string } | null;
  status: 'pass' | 'fail' | 'error' | 'skip';
  /** Why it failed, errored or was skipped; empty when it passed. */
  reason: string;
  /**
   * How the last install step ended: `done`, `partial`, `not-found`, `no-lib-dir`, `timeout`,
   * `exception: <last traceback line>`, or `none` (no install step, or nothing classifiable ran).
   */
  outcome: string;
  /** Exit status of the last install step's process (argv forms, micropip); null for the API form or when none ran. */
  exitCode: number | null;
  checks: CheckResult[];
  /** `status` 0 with `noResponse` when the server closed or reset the connection without a byte. */
  requests: Array<{ method: string; url: string; status: number; noResponse?: 'closed' | 'reset' }>;
  files: Record<string, { size: number; sha256: string }>;
  output: string[];
  imports: Record<string, string>;
  /** `decompress` steps: device path → `ok <bytes>` or the exception line. */
  decompress: Record<string, string>;
  findings: Finding[];
  /** unix backend: how the binary's traffic was redirected to the mocked world. */
  redirection?: string;
  /** unix backend: the binary's build facts, probed bare (TLS library and its heap per connection, start-up heap, recursion depth, btree). */
  build?: string;
  /** unix backend: how its launcher ran (precompiled by which mpy-cross, or compiled by the binary, and why). */
  launcher?: string;
  durationMs: number;
}
