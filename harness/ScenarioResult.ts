import type { CheckResult } from './checks/CheckResult.ts';
import type { Finding } from './backends/Observation.ts';

/**
 * One scenario on one backend — the stable JSON report contract (`--reporter json`).
 * Field meanings are documented in the README ("Reading a report").
 */
export interface ScenarioResult {
  scenario: { name: string; file: string };
  backend: string;
  runtime: { version: string; mpy: number | null };
  installer: { name: string; version: string } | null;
  status: 'pass' | 'fail' | 'error' | 'skip';
  /** Why it failed, errored or was skipped; empty when it passed. */
  reason: string;
  checks: CheckResult[];
  requests: Array<{ method: string; url: string; status: number }>;
  files: Record<string, { size: number; sha256: string }>;
  output: string[];
  imports: Record<string, string>;
  /** `decompress` steps: device path → `ok <bytes>` or the exception line. */
  decompress: Record<string, string>;
  findings: Finding[];
  /** unix backend: how the binary's traffic was redirected to the mocked world. */
  redirection?: string;
  /** unix backend: how its launcher ran (precompiled by which mpy-cross, or compiled by the binary, and why). */
  launcher?: string;
  durationMs: number;
}
