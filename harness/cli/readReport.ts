import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ScenarioResult } from '../ScenarioResult.ts';
import type { JsonReport } from '../reporters/JsonReport.ts';
import { JSON_REPORT_VERSION } from '../reporters/jsonReporter.ts';
import { describeIssue, formatPath, mostRelevantIssue } from '../scenario/formatIssue.ts';
import { UsageError } from './UsageError.ts';

const WRITE_ONE = 'write one with miprig run --reporter json --out FILE';

// Fields the page needs are required; the rest may be missing (older reports have no `tags`)
// and are filled in below. Unknown fields are allowed: later layouts of version 1 only add.
const result = z.object({
  scenario: z.object({ name: z.string(), file: z.string(), tags: z.array(z.string()).optional() }),
  backend: z.string(),
  runtime: z.object({ version: z.string(), mpy: z.number().nullable() }).optional(),
  installer: z.object({ name: z.string(), version: z.string() }).nullable().optional(),
  status: z.enum(['pass', 'fail', 'error', 'skip']),
  reason: z.string().optional(),
  outcome: z.string().optional(),
  exitCode: z.number().nullable().optional(),
  checks: z.array(z.object({ name: z.string(), pass: z.boolean(), knownDivergence: z.string().optional() })).optional(),
  requests: z.array(z.object({ method: z.string(), url: z.string(), status: z.number(), noResponse: z.enum(['closed', 'reset']).optional() })).optional(),
  files: z.record(z.string(), z.object({ size: z.number(), sha256: z.string() })).optional(),
  output: z.array(z.string()).optional(),
  imports: z.record(z.string(), z.string()).optional(),
  decompress: z.record(z.string(), z.string()).optional(),
  findings: z.array(z.object({ kind: z.string(), detail: z.string() })).optional(),
  redirection: z.string().optional(),
  build: z.string().optional(),
  launcher: z.string().optional(),
  durationMs: z.number().optional(),
});
const report = z.object({ miprig: z.number(), results: z.array(result) });

/**
 * Read a JSON report (`miprig run --reporter json --out FILE`) for `miprig report`. Anything else
 * — a missing file, a folder, text that is not JSON, JSON that is not a miprig report, a layout
 * version this miprig does not read, a result without its fields — is a UsageError naming the
 * file, what was there and what to do. The results are validated, then kept as they were read
 * (zod's copy would drop a `__proto__` key a hostile package put in a file tree), with the
 * optional fields filled in.
 *
 * @example
 * const report = await readReport('r.json'); // report.results[0].scenario.tags: []
 */
export async function readReport(file: string): Promise<JsonReport> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new UsageError(`${file}: no such file; give the path of a JSON report (${WRITE_ONE})`);
  if (info.isDirectory()) throw new UsageError(`${file} is a folder; give the report file in it, e.g. ${path.join(file, 'report.json')}`);
  const text = await readFile(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not JSON (${short((err as Error).message, 100)}); give a JSON report (${WRITE_ONE})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !('miprig' in data)) {
    const seen = data !== null && typeof data === 'object' && !Array.isArray(data) ? `an object with ${Object.keys(data).slice(0, 5).map((k) => JSON.stringify(k)).join(', ') || 'no field'}` : short(JSON.stringify(data), 40);
    throw new UsageError(`${file}: not a miprig report (no "miprig" field; got ${seen}); ${WRITE_ONE}`);
  }
  const version = (data as { miprig: unknown }).miprig;
  if (version !== JSON_REPORT_VERSION) {
    throw new UsageError(
      `${file}: report layout "miprig": ${short(JSON.stringify(version) ?? String(version), 40)} is not one this miprig reads (it reads ${JSON_REPORT_VERSION}); write the report again with this miprig, or use the miprig that wrote it`,
    );
  }
  const checked = report.safeParse(data);
  if (!checked.success) {
    const issue = mostRelevantIssue(checked.error.issues, data);
    throw new UsageError(`${file}: ${formatPath(issue.path)}: ${describeIssue(issue, data)}; not a report miprig wrote? ${WRITE_ONE}`);
  }
  const raw = data as { miprig: number; summary?: JsonReport['summary']; results: Array<Partial<ScenarioResult> & Pick<ScenarioResult, 'scenario' | 'backend' | 'status'>> };
  return { ...raw, results: raw.results.map(withDefaults) };
}

function withDefaults(r: Partial<ScenarioResult> & Pick<ScenarioResult, 'scenario' | 'backend' | 'status'>): ScenarioResult {
  return {
    ...r,
    scenario: { ...r.scenario, tags: r.scenario.tags ?? [] },
    runtime: r.runtime ?? { version: 'unknown', mpy: null },
    installer: r.installer ?? null,
    reason: r.reason ?? '',
    outcome: r.outcome ?? 'none',
    exitCode: r.exitCode ?? null,
    checks: r.checks ?? [],
    requests: r.requests ?? [],
    files: r.files ?? {},
    output: r.output ?? [],
    imports: r.imports ?? {},
    decompress: r.decompress ?? {},
    findings: r.findings ?? [],
    durationMs: r.durationMs ?? 0,
  };
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
