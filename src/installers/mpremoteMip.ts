/**
 * `mpremote mip install …` on the virtual device: mpremote's `mip.py` (tools/mpremote/mpremote/
 * mip.py at each MicroPython tag) runs on the host, downloads with CPython's urllib (urllibClient:
 * redirects followed, chunked decoded, HTTP errors raised) and writes each file to the device
 * over the raw REPL. What differs by mpremote release (its version is the firmware's tag):
 * `gitlab:` from 1.23; relative URLs, host-local package.json and skipping `/rom` lib entries from
 * 1.25; the hash-based `Exists:` skip from 1.26. A failure prints `Package may be partially
 * installed`, then mpremote's `mpremote: <message>` and exit status 1; the remaining specs are
 * not installed. An exception mpremote does not catch (a JSON syntax error, a truncated body,
 * a spec with two `@`) is CPython's traceback and status 1.
 */
import type { Device } from '../device/Device.ts';
import type { Network } from '../net/Network.ts';
import { HttpError, UrlError, urlopenRead } from '../net/urllibClient.ts';
import { cpythonJsonError } from '../py/cpythonJsonError.ts';
import { PyException } from '../py/PyException.ts';
import { compareVersions } from '../scenario/version.ts';
import { sha256Hex } from '../world/sha256.ts';
import { ensurePathExists } from './ensurePathExists.ts';

const PACKAGE_INDEX = 'https://micropython.org/pi/v2';

/** `CommandError`: printed by mpremote's main as `mpremote: <message>`, exit status 1. */
class CommandError extends Error {}

interface Ctx {
  device: Device;
  network: Network;
  release: string;
  prefixes: string[];
}

const at = (release: string, version: string): boolean => compareVersions(release, version) >= 0;

/**
 * Run `mpremote <argv…>` against the device (argv after `mpremote`, e.g. `['mip', 'install',
 * 'pkg']`); returns the exit status. Uncaught CPython exceptions propagate as PyException (the
 * caller prints the traceback: status 1); HangError propagates (mpremote has no timeout).
 *
 * @example
 * await mpremoteCmdline(device, world, ['mip', 'install', '--target', '/lib', 'pkg@1.0'], '1.27.0'); // { exitCode: 0 }
 */
export async function mpremoteCmdline(device: Device, network: Network, argv: readonly string[], release: string): Promise<{ exitCode: number }> {
  if (argv[0] !== 'mip') {
    device.print(`mpremote: '${argv[0] ?? ''}' is not a command`);
    return { exitCode: 1 };
  }
  const parsed = parseMipArgs(argv.slice(1));
  if ('error' in parsed) {
    device.print('usage: mpremote mip [--target TARGET] [--index INDEX] [--mpy | --no-mpy] command packages [packages ...]');
    device.print(`mpremote mip: error: ${parsed.error}`);
    return { exitCode: 2 };
  }
  if (parsed.command !== 'install') {
    device.print(`mpremote: mip: '${parsed.command}' is not a command`);
    return { exitCode: 1 };
  }
  const ctx: Ctx = { device, network, release, prefixes: ['http://', 'https://', 'github:', ...(at(release, '1.23.0') ? ['gitlab:'] : [])] };
  let index = parsed.index;
  let target = parsed.target;
  try {
    for (const spec of parsed.packages) {
      const parts = spec.split('@');
      if (parts.length > 2) throw new PyException('ValueError', 'too many values to unpack (expected 2)');
      const [name, version] = parts as [string, string | undefined];
      device.print(`Install ${name}`);
      index ??= PACKAGE_INDEX;
      if (target === undefined) {
        const lib = device.sysPath.filter((p) => (!at(release, '1.25.0') || !p.startsWith('/rom')) && p.endsWith('/lib'));
        if (!lib[0]) throw new CommandError('Unable to find lib dir in sys.path, use --target to override');
        target = lib[0];
      }
      try {
        await installPackage(ctx, name, index.replace(/\/+$/, ''), target, version, parsed.mpy);
      } catch (err) {
        if (err instanceof CommandError) device.print('Package may be partially installed');
        throw err;
      }
      device.print('Done');
    }
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    device.print(`mpremote: ${err.message}`);
    return { exitCode: 1 };
  }
  return { exitCode: 0 };
}

/** CPython argparse of `mip`'s sub-parser: `--target/--index` (also `=` forms), `--mpy/-m`, `--no-mpy`. */
function parseMipArgs(args: readonly string[]): { command: string; packages: string[]; target?: string; index?: string; mpy: boolean } | { error: string } {
  const positional: string[] = [];
  let target: string | undefined;
  let index: string | undefined;
  let mpy = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--target' || flag === '--index') {
      const value = inline ?? args[++i];
      if (value === undefined) return { error: `argument ${flag}: expected one argument` };
      if (flag === '--target') target = value;
      else index = value;
    } else if (flag === '--mpy' || flag === '-m') mpy = true;
    else if (flag === '--no-mpy') mpy = false;
    else if (a.startsWith('-') && a !== '-') return { error: `unrecognized arguments: ${a}` };
    else positional.push(a);
  }
  if (positional.length < 2) return { error: 'the following arguments are required: command, packages' };
  return { command: positional[0]!, packages: positional.slice(1), ...(target !== undefined ? { target } : {}), ...(index !== undefined ? { index } : {}), mpy };
}

function rewriteUrl(ctx: Ctx, url: string, branch = 'HEAD'): string {
  const forge = url.startsWith('github:') ? 'github' : url.startsWith('gitlab:') && ctx.prefixes.includes('gitlab:') ? 'gitlab' : undefined;
  if (!forge) return url;
  const parts = url.slice(7).split('/');
  return forge === 'github'
    ? `https://raw.githubusercontent.com/${parts[0]}/${parts[1]}/${branch}/${parts.slice(2).join('/')}`
    : `https://gitlab.com/${parts[0]}/${parts[1]}/-/raw/${branch}/${parts.slice(2).join('/')}`;
}

/** `urlopen(url).read()` with mpremote's messages for each failure (`what`: how the message names it). */
async function fetch(ctx: Ctx, url: string, notFound: string, what: string): Promise<Uint8Array> {
  try {
    return await urlopenRead(url, ctx.network);
  } catch (err) {
    if (err instanceof HttpError) throw new CommandError(err.status === 404 ? `${notFound}: ${what}` : `Error ${err.status} requesting ${what}`);
    if (err instanceof UrlError) throw new CommandError(`${err.reason} requesting ${what}`);
    throw err;
  }
}

async function downloadFile(ctx: Ctx, url: string, dest: string): Promise<void> {
  let data: Uint8Array;
  if (!at(ctx.release, '1.25.0') || ctx.prefixes.some((p) => url.startsWith(p))) {
    data = await fetch(ctx, url, 'File not found', url);
  } else {
    // A host path: the scenario declares no host files, so none exists.
    if (url.includes('\\')) throw new CommandError(`Use "/" instead of "\\" in file URLs: '${url}'\n`);
    throw new CommandError(`No such file or directory opening ${url}`);
  }
  ctx.device.print(`Installing: ${dest}`);
  ensurePathExists(ctx.device, dest);
  const f = ctx.device.fs.openWrite(dest);
  f.write(data);
  f.close();
}

function checkExists(device: Device, path: string, shortHash: string): boolean {
  let bytes: Uint8Array;
  try {
    bytes = device.fs.readFile(path);
  } catch {
    return false;
  }
  return sha256Hex(bytes).slice(0, shortHash.length) === shortHash;
}

async function installJson(ctx: Ctx, jsonUrl: string, index: string, target: string, version: string | undefined, mpy: boolean): Promise<void> {
  let baseUrl = '';
  let text: string;
  if (!at(ctx.release, '1.25.0') || ctx.prefixes.some((p) => jsonUrl.startsWith(p))) {
    text = Buffer.from(await fetch(ctx, rewriteUrl(ctx, jsonUrl, version), 'Package not found', jsonUrl)).toString('utf8');
    baseUrl = jsonUrl.slice(0, Math.max(0, jsonUrl.lastIndexOf('/')));
  } else if (jsonUrl.endsWith('.json')) {
    throw new CommandError(`Error opening ${jsonUrl}`);
  } else {
    throw new CommandError(`Invalid url for package: ${jsonUrl}`);
  }
  const error = cpythonJsonError(text);
  if (error) throw new PyException('json.decoder.JSONDecodeError', error);
  const pkg = JSON.parse(text) as { hashes?: Array<[string, string]>; urls?: Array<[string, string]>; deps?: Array<[string, string]> };
  for (const [targetPath, shortHash] of pkg.hashes ?? []) {
    const fsTarget = `${target}/${targetPath}`;
    if (at(ctx.release, '1.26.0') && checkExists(ctx.device, fsTarget, shortHash)) ctx.device.print(`Exists: ${fsTarget}`);
    else await downloadFile(ctx, `${index}/file/${shortHash.slice(0, 2)}/${shortHash}`, fsTarget);
  }
  for (const [targetPath, original] of pkg.urls ?? []) {
    let url = original;
    if (at(ctx.release, '1.25.0') && baseUrl && !ctx.prefixes.some((p) => url.startsWith(p))) url = `${baseUrl}/${url}`;
    await downloadFile(ctx, rewriteUrl(ctx, url, version), `${target}/${targetPath}`);
  }
  for (const [dep, depVersion] of pkg.deps ?? []) await installPackage(ctx, dep, index, target, depVersion, mpy);
}

async function installPackage(ctx: Ctx, spec: string, index: string, target: string, version: string | undefined, mpy: boolean): Promise<void> {
  let pkg = spec;
  if (ctx.prefixes.some((p) => pkg.startsWith(p))) {
    if (pkg.endsWith('.py') || pkg.endsWith('.mpy')) {
      ctx.device.print(`Downloading ${pkg} to ${target}`);
      await downloadFile(ctx, rewriteUrl(ctx, pkg, version), `${target}/${pkg.split('/').at(-1)!}`);
      return;
    }
    if (!pkg.endsWith('.json')) pkg = `${pkg.endsWith('/') ? pkg : `${pkg}/`}package.json`;
    ctx.device.print(`Installing ${pkg} to ${target}`);
  } else if (!(at(ctx.release, '1.25.0') && pkg.endsWith('.json'))) {
    const v = version || 'latest';
    version = v;
    ctx.device.print(`Installing ${pkg} (${v}) from ${index} to ${target}`);
    const mpyVersion = mpy ? ((ctx.device.mpy ?? 0) & 0xff || 'py') : 'py';
    pkg = `${index}/package/${mpyVersion}/${pkg}/${v}.json`;
  }
  await installJson(ctx, pkg, index, target, version, mpy);
}
