import { readFile, writeFile } from 'node:fs/promises';
import { mergeReports } from '../merge/mergeReports.ts';
import { jsonReport } from '../reporters/jsonReporter.ts';
import { junitReport } from '../reporters/junitReporter.ts';
import { prettyReport } from '../reporters/prettyReporter.ts';
import { UsageError } from './UsageError.ts';

export interface MergeCommandOptions {
  reporter: 'json' | 'junit' | 'pretty';
  out?: string;
}

/**
 * `miprig merge SHARD.json…`: read the JSON reports of `run --shard`, join them (mergeReports)
 * and write the whole run's report. Exit status as `run` gives it for the merged results: 0 all
 * passed, 1 some failed, 2 some errored — or a file that is missing, not JSON, not a miprig
 * report, or not a complete set of shards (one line naming the file).
 *
 * @example
 * process.exitCode = await mergeCommand(['r1.json', 'r2.json'], { reporter: 'junit', out: 'miprig.xml' });
 */
export async function mergeCommand(files: readonly string[], opts: MergeCommandOptions): Promise<number> {
  const reports = [];
  for (const file of files) reports.push({ file, report: await readJson(file) });
  const merged = mergeReports(reports);
  const { results, wallMs } = merged;
  let report: string;
  if (opts.reporter === 'json') report = jsonReport(results, { run: merged.run }, wallMs);
  else if (opts.reporter === 'junit') report = junitReport(results);
  // The model-against-binary comparison of `run` needs observations, which reports do not keep.
  else report = prettyReport(results, wallMs);
  if (opts.out) {
    try {
      await writeFile(opts.out, report);
    } catch (err) {
      throw new UsageError(`--out ${opts.out}: cannot write it (${(err as NodeJS.ErrnoException).code ?? String(err)}); name a file in a folder that exists`);
    }
  } else process.stdout.write(report);
  if (results.some((r) => r.status === 'error')) return 2;
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? String(err));
    throw new UsageError(`${file}: cannot read it (${why}): pass the JSON reports \`miprig run --reporter json --out FILE\` wrote`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`${file}: not JSON (${(err as Error).message}): pass the JSON reports \`miprig run --reporter json --out FILE\` wrote, not the pretty or junit ones`);
  }
}
