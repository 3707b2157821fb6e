import type { RequestRecord } from '../../src/net/wire.ts';

/** How an install step ended, classified from what it printed (the same rule for every backend). */
export type Outcome =
  | { kind: 'done' }
  | { kind: 'partial' }
  | { kind: 'not-found' }
  | { kind: 'no-lib-dir' }
  | { kind: 'exception'; line: string }
  | { kind: 'timeout' }
  | { kind: 'none' };

/** Something a run noticed that is not an expectation: an escape attempt, an unmatched request. */
export interface Finding {
  kind: 'path-escape' | 'unmatched-request' | 'model-gap' | 'timeout';
  detail: string;
}

/**
 * What kind of thing ran a scenario, which decides how its results are checked: `model` (the
 * virtual device's TypeScript models), `vm` (a real MicroPython VM in-process), `real` (a real
 * `micropython` binary). Only `real` results may be excused by a scenario's `divergences`, and only
 * they may be recorded as expectations by `--update`.
 */
export type BackendKind = 'model' | 'vm' | 'real';

/**
 * Everything a backend observed while running one scenario, in device terms: device paths,
 * normalised output (run-root paths, ports and traceback frame lines removed).
 */
export interface Observation {
  /** `virtual` or `unix:<version>`. */
  backend: string;
  backendKind: BackendKind;
  runtime: { version: string; mpy: number | null };
  installer: { name: string; version: string } | null;
  /** Every regular file on the device after the run, by absolute device path. */
  files: Map<string, Uint8Array>;
  requests: RequestRecord[];
  output: string[];
  outcome: Outcome;
  /** Exit status of the argv form's process, or null for the API form. */
  exitCode: number | null;
  /** module → `frozen` | `builtin` | `namespace` | a device path | an exception line. */
  imports: Record<string, string>;
  /** device path → `ok <bytes>` or the exception line, for `decompress` steps. */
  decompress: Record<string, string>;
  findings: Finding[];
  /** unix backend: how the binary's traffic reached the mocked world. */
  redirection?: string;
  /** GC heap one TLS connection keeps on the build that ran (model: its build profile; unix: probed). */
  tlsHeapPerConnection?: number;
  /** unix backend: the binary's probed build facts, in one line (see buildFacts.ts). */
  build?: string;
  /** unix backend: whether the launcher was precompiled (and by which mpy-cross) or compiled by the binary. */
  launcher?: string;
  durationMs: number;
}

/** A finding per request no declared route answered (strict worlds also fail the `world` check). */
export function unmatchedRequests(log: readonly RequestRecord[]): Finding[] {
  return log.filter((r) => !r.matched).map((r) => ({ kind: 'unmatched-request', detail: `${r.method} ${r.url}` }));
}
