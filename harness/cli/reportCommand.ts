import { access, constants, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsonReport } from '../reporters/JsonReport.ts';
import { htmlReport } from '../reporters/htmlReport.ts';
import { mergeReports } from '../merge/mergeReports.ts';
import { JSON_REPORT_VERSION } from '../reporters/jsonReporter.ts';
import { readReport } from './readReport.ts';
import { UsageError } from './UsageError.ts';

export interface ReportCommandOptions {
  /** `--html OUT`: the page to write. */
  html?: string;
}

/**
 * `miprig report REPORT.json [REPORT2.json …] --html OUT`: the JSON reports as one HTML page (the
 * scenario × backend matrix, see htmlReport). Several reports are joined in the order given, or
 * merged when they are the shards of one `run --shard` (mergeReports).
 * Returns 0 when the page is written; bad input is a UsageError (one line, exit 2).
 *
 * @example
 * await reportCommand(['unix.json', 'vm.json'], { html: 'matrix.html' }); // 0
 */
export async function reportCommand(files: string[], opts: ReportCommandOptions): Promise<number> {
  if (!opts.html) throw new UsageError(`report writes a page: give --html OUT, e.g. miprig report ${files[0] ?? 'r.json'} --html report.html`);
  // Known before reading any report, as `run --out` does.
  await assertWritableFile(opts.html, '--html');
  const reports: JsonReport[] = [];
  for (const file of files) reports.push(await readReport(file));
  // Shards of `run --shard` are merged back into their run's order (mergeReports checks the set
  // is complete); other reports are joined in the order given (htmlReport gives a cell that two
  // reports both fill a column of its own).
  const joined: JsonReport =
    reports.length === 1
      ? reports[0]!
      : reports.some(isShard)
        ? { miprig: JSON_REPORT_VERSION, results: mergeReports(reports.map((report, i) => ({ file: files[i]!, report }))).results }
        : { miprig: JSON_REPORT_VERSION, results: reports.flatMap((r) => r.results) };
  await writeFile(opts.html, htmlReport(joined));
  const backends = new Set(joined.results.map((r) => r.backend)).size;
  process.stdout.write(`miprig: wrote ${opts.html} (${joined.results.length} results on ${backends} backend${backends === 1 ? '' : 's'})\n`);
  return 0;
}

function isShard(report: JsonReport): boolean {
  return (report as { run?: { shard?: unknown } }).run?.shard !== undefined;
}

/** `--html FILE`: its folder must exist and be writable, and FILE must not be a folder. */
async function assertWritableFile(file: string, flag: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${file}: the folder ${dir} does not exist or is not writable; create it first`);
  }
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`${flag} ${file} is a folder; name a file, e.g. ${path.join(file, 'report.html')}`);
}
