/**
 * `micropython -m upip …`: `main()` and `help()` of tools/upip.py v1.19.1. The unix port runs it
 * with `sys.argv = ['upip', <args…>]`; options must precede the packages and each takes the next
 * word (a missing one is an uncaught IndexError).
 */
import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';
import type { Network } from '../net/Network.ts';
import { SystemExit } from './SystemExit.ts';
import { UpipModule } from './upip.ts';
import { upipFatal } from './upipHttp.ts';

/**
 * `help()`: the usage text, the default install path, and a note (it ends with an empty line).
 *
 * @example
 * upipHelp(upip)[0] // 'upip - Simple PyPI package manager for MicroPython'
 */
export function upipHelp(upip: UpipModule): string[] {
  return [
    'upip - Simple PyPI package manager for MicroPython',
    'Usage: micropython -m upip install [-p <path>] <package>... | -r <requirements.txt>',
    'import upip; upip.install(package_or_list, [<path>])',
    '',
    "If <path> isn't given, packages will be installed to sys.path[1], or",
    'sys.path[2] if the former is .frozen (path can be set from MICROPYPATH',
    'environment variable if supported).',
    'Default install path: ' + upip.getInstallPath(),
    '',
    'Note: only MicroPython packages (usually, named micropython-*) are supported',
    'for installation, upip does not support arbitrary code in setup.py.',
    '',
  ];
}

/**
 * Run `micropython -m upip <argv…>` (argv after `-m upip`). Returns the exit status of a run that
 * ends normally (0 — also after a failed install) or through `sys.exit` (1: `Error: …` lines).
 * Uncaught Python exceptions propagate as `PyException` (traceback, exit 1); `HangError` too.
 *
 * @example
 * await upipCmdline(device, network, ['install', '-p', '/lib', 'micropython-foo']) // { exitCode: 0 }
 * await upipCmdline(device, network, ['list'])                                   // { exitCode: 1 }
 */
export async function upipCmdline(device: Device, network: Network, argv: readonly string[]): Promise<{ exitCode: number }> {
  const upip = new UpipModule(device, network);
  try {
    await upipMain(upip, ['upip', ...argv]);
    return { exitCode: 0 };
  } catch (e) {
    if (e instanceof SystemExit) return { exitCode: e.code };
    throw e;
  }
}

/** `main()` over a full `sys.argv`. */
async function upipMain(upip: UpipModule, sysArgv: string[]): Promise<void> {
  const device = upip.device;
  const help = (): void => {
    for (const line of upipHelp(upip)) device.print(line);
  };
  upip.installPath = null;
  if (sysArgv.length < 2 || sysArgv[1] === '-h' || sysArgv[1] === '--help') return help();
  if (sysArgv[1] !== 'install') upipFatal(device, "Only 'install' command supported", undefined, upip.debug);

  const toInstall: string[] = [];
  const arg = (i: number): string => {
    const a = sysArgv[i];
    if (a === undefined) throw new PyException('IndexError', 'list index out of range');
    return a;
  };
  let i = 2;
  while (i < sysArgv.length) {
    const word = sysArgv[i]!;
    if (word.length === 0) throw new PyException('IndexError', 'string index out of range');
    if (word[0] !== '-') break;
    const opt = word;
    i += 1;
    if (opt === '-h' || opt === '--help') return help();
    if (opt === '-p') {
      upip.installPath = arg(i);
      i += 1;
    } else if (opt === '-r') {
      const listFile = arg(i);
      i += 1;
      for (const l of readLines(device, listFile)) {
        if (l[0] === '#') continue;
        toInstall.push(l.replace(/[ \t\n\r\f\v]+$/, ''));
      }
    } else if (opt === '-i') {
      upip.indexUrls = [arg(i)];
      i += 1;
    } else if (opt === '--debug') {
      upip.debug = true;
    } else {
      upipFatal(device, 'Unknown/unsupported option: ' + opt, undefined, upip.debug);
    }
  }
  toInstall.push(...sysArgv.slice(i));
  if (toInstall.length === 0) return help();
  await upip.install(toInstall);
  // `if not debug: cleanup()` — cleanup_files is never filled, so cleanup() does nothing.
}

/** `f.readline()` until it returns '': lines keep their `\n`, the last one may lack it. */
function readLines(device: Device, path: string): string[] {
  const text = new TextDecoder().decode(device.fs.readFile(path));
  const lines = text.split(/(?<=\n)/);
  return lines.filter((l) => l.length > 0);
}
