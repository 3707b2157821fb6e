/**
 * `micropython -m mip …`: micropython-lib `micropython/mip-cmdline/mip/__main__.py` (0.1.0,
 * the same file at every micropython-lib commit MicroPython pins from v1.20.0 to master) on the
 * virtual device. The unix port runs it with `sys.argv = ['mip', <args…>]`. Lines 42-46 decide
 * the command: `install` runs `do_install()`, any other word prints `mip: Unknown command "…"`,
 * no word does nothing, and the module ends normally (exit 0) in both cases.
 */
import type { Device } from '../device/Device.ts';
import type { Network } from '../net/Network.ts';
import { PyErrors, errorReportingFor } from '../py/errors.ts';
import { ArgparseModel } from './argparseModel.ts';
import { mipInstall, type MipOptions } from './mip.ts';

/** The parser `do_install()` builds, help texts verbatim (including their copy-paste slips). */
function installParser(): ArgparseModel {
  return new ArgparseModel(
    'mip',
    [
      { names: ['-t', '--target'], dest: 'target', action: 'store', help: 'Directory to start discovery' },
      { names: ['-i', '--index'], dest: 'index', action: 'store', help: 'Pattern to match test files' },
      { names: ['--mpy'], dest: 'mpy', action: 'store_const', const: true, default: false, help: 'download as compiled .mpy files (default)' },
      { names: ['--no-mpy'], dest: 'no_mpy', action: 'store_const', const: true, default: false, help: 'download as .py source files' },
    ],
    [{ names: ['package'], dest: 'package', action: 'store', nargs: '+', help: '' }],
  );
}

/**
 * Run `micropython -m mip <argv…>` (argv after `-m mip`, e.g. `['install', 'pkg@1.0']`).
 *
 * Returns the exit status of a run that ends normally: 0 after any installs (whatever mip
 * printed), 2 after an argparse error, 0 after `-h`. An uncaught Python exception (DNS
 * `OSError`, JSON `ValueError`, the `ValueError` of a spec with two `@`, …) propagates out as
 * `PyException`: the caller prints the traceback and reports exit status 1, as the unix port
 * does. `HangError` propagates too (the process would never exit).
 *
 * @example
 * await mipCmdline(device, network, ['install', '--target', '/x', 'pkg@1.0'], '0.4.2') // { exitCode: 0 }
 * await mipCmdline(device, network, ['install', '--target=/x', 'pkg'], '0.4.2')         // { exitCode: 2 }
 * await mipCmdline(device, network, ['list'], '0.4.2') // { exitCode: 0 }, printed 'mip: Unknown command "list"'
 */
export async function mipCmdline(
  device: Device,
  network: Network,
  argv: readonly string[],
  mipVersion: string,
  options: MipOptions = {},
): Promise<{ exitCode: number }> {
  if (argv.length < 1) return { exitCode: 0 };
  if (argv[0] !== 'install') {
    device.print(`mip: Unknown command "${argv[0]}"`);
    return { exitCode: 0 };
  }
  const parsed = installParser().parse(argv.slice(1));
  if (parsed.kind === 'exit') {
    for (const line of parsed.lines) device.print(line);
    return { exitCode: parsed.code };
  }
  const { target, index, no_mpy: noMpy, package: packages } = parsed.values as {
    target: string | null;
    index: string | null;
    no_mpy: boolean;
    package: string[];
  };
  const errors = new PyErrors(errorReportingFor(device.port));
  for (const spec of packages) {
    let name = spec;
    let version: string | undefined;
    if (spec.includes('@')) {
      // package, version = package.split("@")
      const parts = spec.split('@');
      if (parts.length > 2) throw errors.unpackTooLong(2);
      [name, version] = parts as [string, string];
    }
    const args: Parameters<typeof mipInstall>[2] = { package: name, mpy: !noMpy };
    if (index !== null) args.index = index;
    if (target !== null) args.target = target;
    if (version !== undefined) args.version = version;
    await mipInstall(device, network, args, mipVersion, options);
  }
  return { exitCode: 0 };
}
