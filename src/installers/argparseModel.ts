/**
 * micropython-lib `python-stdlib/argparse/argparse.py` (unchanged in behaviour from v1.20 to
 * master for what mip-cmdline uses): options only as separate words (`--target=x` is an unknown
 * option), one group of positionals, errors print a usage line then `error: …` and exit 2,
 * `-h`/`--help` prints the full help and exits 0.
 */

/** One `add_argument` of the subset mip-cmdline uses. */
export interface ArgSpec {
  names: string[];
  dest: string;
  action: 'store' | 'store_const';
  nargs?: '+' | '*' | '?';
  const?: unknown;
  default?: unknown;
  help: string;
}

/** Result of `parse_args`: the namespace, or what the parser printed before `sys.exit(code)`. */
export type ParseResult =
  | { kind: 'ok'; values: Record<string, unknown> }
  | { kind: 'exit'; code: number; lines: string[] };

class ArgError extends Error {}

/**
 * A parser built from `add_argument` specs; `progName` is `sys.argv[0]`.
 *
 * @example
 * const p = new ArgparseModel('mip', [{ names: ['-t', '--target'], dest: 'target', action: 'store', help: '' }], []);
 * p.parse(['--target=x']) // { kind: 'exit', code: 2, lines: ['usage: mip [-h] [-t, --target target]', 'error: unknown option --target=x'] }
 */
export class ArgparseModel {
  constructor(
    private readonly progName: string,
    private readonly opts: ArgSpec[],
    private readonly pos: ArgSpec[],
    private readonly description = '',
  ) {}

  private static renderArg(arg: ArgSpec): string {
    if (arg.action !== 'store') return '';
    if (arg.nargs === undefined) return ` ${arg.dest}`;
    return ` ${arg.dest}${arg.nargs}`;
  }

  /** `usage(full)`: the printed lines. */
  usage(full: boolean): string[] {
    let line = `usage: ${this.progName} [-h]`;
    for (const opt of this.opts) line += ` [${opt.names.join(', ')}${ArgparseModel.renderArg(opt)}]`;
    for (const p of this.pos) line += ArgparseModel.renderArg(p);
    const lines = [line];
    if (!full) return lines;
    lines.push('');
    if (this.description) lines.push(this.description);
    if (this.pos.length > 0) {
      lines.push('', 'positional args:');
      for (const p of this.pos) lines.push(`  ${p.names[0]!.padEnd(16)}${p.help}`);
    }
    lines.push('', 'optional args:');
    lines.push('  -h, --help      show this message and exit');
    for (const opt of this.opts) {
      lines.push(`  ${(opt.names.join(', ') + ArgparseModel.renderArg(opt)).padEnd(16)}${opt.help}`);
    }
    return lines;
  }

  /** `_Arg.parse`: consume this argument's values from `args`. */
  private static parseArg(arg: ArgSpec, optname: string, args: string[]): unknown {
    if (arg.action === 'store_const') return arg.const;
    if (arg.nargs === undefined) {
      if (args.length > 0) return args.shift();
      throw new ArgError(`expecting value for ${optname}`);
    }
    if (arg.nargs === '?') return args.length > 0 ? args.shift() : arg.default;
    if (arg.nargs === '+' && args.length === 0) throw new ArgError(`expecting value for ${optname}`);
    const ret: string[] = [];
    let stopAtOpt = true;
    while (args.length > 0) {
      const a = args[0]!;
      if (stopAtOpt && a.startsWith('-') && a !== '-') {
        if (a === '--') {
          stopAtOpt = false;
          args.shift();
        } else break;
      } else {
        ret.push(args.shift()!);
      }
    }
    return ret;
  }

  /** `parse_args(args)`. */
  parse(argv: readonly string[]): ParseResult {
    const args = [...argv];
    const values: Record<string, unknown> = {};
    for (const opt of this.opts) values[opt.dest] = opt.default ?? null;
    try {
      let parsedPos = false;
      while (args.length > 0 || !parsedPos) {
        const a = args[0];
        if (a !== undefined && a.startsWith('-') && a !== '-' && a !== '--') {
          args.shift();
          if (a === '-h' || a === '--help') return { kind: 'exit', code: 0, lines: this.usage(true) };
          const opt = this.opts.find((o) => o.names.includes(a));
          if (!opt) throw new ArgError(`unknown option ${a}`);
          values[opt.dest] = ArgparseModel.parseArg(opt, a, args);
        } else {
          if (parsedPos) throw new ArgError(`extra args: ${args.join(' ')}`);
          for (const p of this.pos) values[p.dest] = ArgparseModel.parseArg(p, p.names[0]!, args);
          parsedPos = true;
        }
      }
    } catch (err) {
      if (!(err instanceof ArgError)) throw err;
      return { kind: 'exit', code: 2, lines: [...this.usage(false), `error: ${err.message}`] };
    }
    return { kind: 'ok', values };
  }
}
