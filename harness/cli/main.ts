import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { ScenarioError } from '../scenario/ScenarioError.ts';
import { UsageError } from './UsageError.ts';
import { BackendSetupError } from '../backends/BackendSetupError.ts';
import { terminalText } from '../reporters/terminalText.ts';
import { parseShard } from './parseShard.ts';
import { MergeError } from '../merge/MergeError.ts';

/**
 * The `miprig` command line. Returns the exit status: 0 all passed, 1 some failed,
 * 2 usage or scenario error.
 *
 * @example
 * process.exitCode = await main(['run', 'scenarios', '--reporter', 'json', '--out', 'r.json']);
 */
export async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = new Command('miprig')
    .description('Test rig for MicroPython package installers: one mocked world, a virtual device and real binaries.')
    .version(packageVersion(), '-V, --version', 'print the miprig version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description('run scenarios and check them')
    .argument('[paths...]', 'scenario files or folders', ['scenarios'])
    .addOption(new Option('--backend <name>', 'where to run: the models, real binaries, a MicroPython VM in-process, or all').choices(['virtual', 'unix', 'vm', 'mpremote', 'all']).default('virtual'))
    .option('--installer-src <dir>', 'installer sources to run on the vm backend (a micropython-lib checkout)')
    .option('--micropython <path>', 'a real micropython unix binary (repeatable; also MIPRIG_MICROPYTHON)', collect, [])
    .option('--mpremote <path>', 'real mpremote: an installed mpremote, a micropython checkout or its tools/mpremote (repeatable; also MIPRIG_MPREMOTE)', collect, [])
    .option('--filter <text>', 'only scenarios whose name, file or tags contain this')
    .addOption(new Option('--reporter <name>', 'report format').choices(['pretty', 'json', 'junit', 'html']).default('pretty'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--update', 'record what the backend observed into the scenarios\' expectations')
    .option('--timeout <ms>', 'per-step timeout on real binaries and the VM', (v) => positiveInt(v, '--timeout'), 30_000)
    .option('--jobs <n>', 'scenarios run at once: processes of real binaries, threads of a large virtual run (default: the cores available)', (v) => positiveInt(v, '--jobs'), availableParallelism())
    .option('--shard <i/n>', 'run only part i of n of the (scenario, backend) pairs, split by expected cost; join the JSON reports with miprig merge', parseShard)
    .action(async (paths: string[], opts) => {
      // Each command is imported when it runs: start-up loads only what the command needs.
      const { runCommand } = await import('./runCommand.ts');
      status = await runCommand(paths, opts);
    });

  program
    .command('merge')
    .description('join the JSON reports of `run --shard` into the report of one whole run')
    .argument('<reports...>', 'JSON reports of miprig run --reporter json (every shard of each run)')
    .addOption(new Option('--reporter <name>', 'report format').choices(['json', 'junit', 'pretty']).default('json'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .action(async (reports: string[], opts) => {
      const { mergeCommand } = await import('./mergeCommand.ts');
      status = await mergeCommand(reports, opts);
    });

  program
    .command('report')
    .description('turn JSON reports into one HTML page: the scenario × backend matrix, each cell opening its details')
    .argument('<reports...>', 'JSON reports (miprig run --reporter json --out FILE); several are joined in the order given')
    .option('--html <file>', 'write the HTML page to this file')
    .action(async (reports: string[], opts) => {
      const { reportCommand } = await import('./reportCommand.ts');
      status = await reportCommand(reports, opts);
    });

  program
    .command('list')
    .description('list scenarios with their tags')
    .argument('[paths...]', 'scenario files or folders', ['scenarios'])
    .option('--filter <text>', 'only scenarios whose name, file or tags contain this')
    .action(async (paths: string[], opts) => {
      const { listCommand } = await import('./listCommand.ts');
      status = await listCommand(paths, opts);
    });

  program
    .command('schema')
    .description('print the scenario JSON Schema (for editors)')
    .option('--out <file>', 'write it to a file')
    .action(async (opts) => {
      const { schemaCommand } = await import('./schemaCommand.ts');
      status = await schemaCommand(opts);
    });

  program
    .command('inspect')
    .description('check a .tar.gz before publishing: members, window size, whether upip can install it')
    .argument('<archive>', 'the .tar.gz file')
    .option('--heap <size>', 'device heap, e.g. 64K (default: check both a small and a large heap)')
    .option('--json', 'print the report as JSON')
    .action(async (archive: string, opts) => {
      const { inspectCommand } = await import('./inspectCommand.ts');
      status = await inspectCommand(archive, opts);
    });

  program
    .command('build')
    .description('build micropython unix binaries from your checkout into the cache (then --micropython 1.22.2 finds them)')
    .argument('[tags...]', 'release tags, e.g. 1.22.2 or v1.22.2')
    .addOption(new Option('--config <name>', 'default, sysmbedtls or nobtree (repeatable or a comma list)').argParser(collect).default([], 'default'))
    .option('--source <dir>', 'your micropython git checkout (also MIPRIG_MICROPYTHON_SRC)')
    .option('--force', 'rebuild even when the cache has the build')
    .option('--verbose', "stream make's output")
    .option('--list', 'list the cached builds: version, config, TLS, path')
    .action(async (tags: string[], opts) => {
      const { buildCommand } = await import('./buildCommand.ts');
      status = await buildCommand(tags, opts);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are not errors.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof ScenarioError || err instanceof UsageError || err instanceof BackendSetupError || err instanceof MergeError) {
      process.stderr.write(`miprig: ${terminalText(err.message)}\n`);
      return 2;
    }
    process.stderr.write(`miprig: internal error: ${terminalText((err as Error).message)}\n`);
    if (process.env['MIPRIG_DEBUG']) process.stderr.write(`${(err as Error).stack}\n`);
    return 2;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} takes a positive whole number, got "${value}"`);
  return n;
}

/**
 * miprig's own version, from its package.json: two folders up from the sources
 * (`harness/cli/`), three from the compiled package (`dist/harness/cli/`).
 */
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'miprig' && pkg.version) return pkg.version;
    } catch {
      // not there: the other layout
    }
  }
  return 'unknown';
}

/**
 * The entry of the CLI's corpus worker threads (harness/parallel/corpusThread.mjs loads the
 * bundle and calls it); imported when a thread starts, so the CLI's own start-up never loads it.
 *
 * @example
 * await serveCorpusWorker();
 */
export async function serveCorpusWorker(): Promise<void> {
  (await import('../parallel/corpusWorker.ts')).serveCorpusWorker();
}
