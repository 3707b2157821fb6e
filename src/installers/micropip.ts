/**
 * micropip (peterhinch/micropython-samples `micropip/micropip.py`, HEAD f418245): upip ported to
 * CPython, run on a host to fill a directory that is later copied to a board. Modelled with the
 * device filesystem standing in for the host's: files land at `-p PATH` (default: the cwd).
 *
 * Differences from upip that show: one fixed index order (`https://micropython.org/pi/{name}/json`,
 * then on *any* exception `https://pypi.org/pypi/{name}/json`); no `-i`, no `name==ver`; the
 * line-reading body bug (see micropipHttp.ts); the tarball is decompressed in memory with
 * `zlib.decompress(data, 16 + 15)` and read with CPython's `tarfile`; each file is written with
 * one `write(subf.read())`; exception texts are CPython's (`KeyError: '1.0'` prints as `'1.0'`).
 *
 * There is no micropip binary to compare with: scenarios using it are model-only.
 */
import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';
import { resolveDevicePath } from '../device/devicePath.ts';
import { upipSkips, upipStripTopDir } from '../archive/upipTarRules.ts';
import { PyDict, type PyValue } from '../py/values.ts';
import type { Network } from '../net/Network.ts';
import { CpythonTarFile, DIRTYPE } from './cpythonTarfile.ts';
import { cpythonGzipDecompress } from './cpythonZlib.ts';
import { micropipReadLines, micropipUrlOpen, type MicropipNetState } from './micropipHttp.ts';
import { SystemExit } from './SystemExit.ts';

/** The CPython assumed when none is given: the last one without ssl's deprecation warning. */
export const MICROPIP_DEFAULT_PYTHON = '3.9';

export interface MicropipOptions {
  /** Host CPython version (`3.12`+ lacks `ssl.wrap_socket`). Default {@link MICROPIP_DEFAULT_PYTHON}. */
  python?: string;
}

const EEXIST = 17;
const EISDIR = 21;

/**
 * `python3 micropip.py <argv…>`. Returns the exit status (0 after any install, also a failed one;
 * 1 after `fatal`); an uncaught exception propagates as `PyException`.
 *
 * @example
 * await micropip(device, network, ['install', '-p', '/lib', 'micropython-foo']) // { exitCode: 0 }
 */
export async function micropip(
  device: Device,
  network: Network,
  argv: readonly string[],
  options: MicropipOptions = {},
): Promise<{ exitCode: number }> {
  const run = new MicropipRun(device, network, options.python ?? MICROPIP_DEFAULT_PYTHON);
  try {
    await run.main(['micropip.py', ...argv]);
    return { exitCode: 0 };
  } catch (e) {
    if (e instanceof SystemExit) return { exitCode: e.code };
    throw e;
  }
}

/**
 * `help_msg()`.
 *
 * @example
 * micropipHelp()[0] // 'micropip - Simple PyPI package manager for MicroPython'
 */
export function micropipHelp(): string[] {
  return [
    'micropip - Simple PyPI package manager for MicroPython',
    'Runs on a PC under Python 3.2 or above, and installs to a PC directory for',
    'subsequent transfer to target hardware.',
    '',
    'Usage: micropip.py install [-p <path>] <package>... | -r <requirements.txt>',
    'The above requires micropip.py to have executable permission.',
    'Alternatively: python3 -m micropip install [-p <path>] <package>... | -r <requirements.txt>',
    '',
    'If <path> is not given, packages will be installed into the current directory.',
    '',
    'Note: only MicroPython packages (usually, named micropython-*) are supported',
    'for installation, upip does not support arbitrary code in setup.py.',
    '',
  ];
}

class MicropipRun {
  private debug = false;
  private installPath: string;
  private readonly net: MicropipNetState;

  constructor(
    private readonly device: Device,
    network: Network,
    python: string,
  ) {
    this.installPath = device.cwd;
    this.net = { network, device, debug: false, warnUssl: true, python };
  }

  private print(line: string): void {
    this.device.print(line);
  }

  private fatal(msg: string): never {
    this.print(`Error: ${msg}`);
    throw new SystemExit(1);
  }

  async main(argv: string[]): Promise<void> {
    if (argv.length < 2 || argv[1] === '-h' || argv[1] === '--help') return this.help();
    if (argv[1] !== 'install') this.fatal("Only 'install' command supported");
    const toInstall: string[] = [];
    const arg = (i: number): string => {
      const a = argv[i];
      if (a === undefined) throw new PyException('IndexError', 'list index out of range');
      return a;
    };
    let i = 2;
    while (i < argv.length) {
      const word = argv[i]!;
      if (word.length === 0) throw new PyException('IndexError', 'string index out of range');
      if (word[0] !== '-') break;
      i += 1;
      if (word === '-h' || word === '--help') return this.help();
      if (word === '-p') {
        this.installPath = arg(i);
        i += 1;
      } else if (word === '-r') {
        const text = new TextDecoder().decode(this.device.fs.readFile(arg(i)));
        i += 1;
        for (const l of text.split(/(?<=\n)/)) {
          if (l.length === 0 || l[0] === '#') continue;
          toInstall.push(l.replace(/\s+$/, ''));
        }
      } else if (word === '--debug') {
        this.debug = true;
        this.net.debug = true;
      } else {
        this.fatal('Unknown/unsupported option: ' + word);
      }
    }
    toInstall.push(...argv.slice(i));
    if (toInstall.length === 0) return this.help();
    this.installPath = this.abspath(this.expanduser(this.installPath));
    await this.install(toInstall);
  }

  private help(): void {
    for (const line of micropipHelp()) this.print(line);
  }

  private expanduser(p: string): string {
    if (p !== '~' && !p.startsWith('~/')) return p;
    return (this.device.home ?? '/root') + p.slice(1);
  }

  /** `os.path.abspath`: joined to the cwd and normalised (`..` collapsed, no trailing `/`). */
  private abspath(p: string): string {
    return resolveDevicePath(p, this.device.cwd).path;
  }

  /** `install(to_install)`. */
  private async install(toInstall: string[]): Promise<void> {
    const path = this.installPath.endsWith('/') ? this.installPath : this.installPath + '/';
    this.print('Installing to: ' + path);
    const installed: string[] = [];
    let pkgSpec = '';
    try {
      while (toInstall.length > 0) {
        if (this.debug) this.print(`Queue: [${toInstall.map((s) => `'${s}'`).join(', ')}]`);
        pkgSpec = toInstall.shift()!;
        if (installed.includes(pkgSpec)) continue;
        const deps = await this.installPkg(pkgSpec, path);
        installed.push(pkgSpec);
        if (this.debug) this.print(deps === undefined ? '{}' : `{'deps': ${cpythonBytesRepr(deps)}}`);
        const text = deps === undefined ? '' : rstripBytes(deps);
        if (text) toInstall.push(...text.split('\n'));
      }
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      this.print(`Error installing '${pkgSpec}': ${e.text}, packages may be partially installed`);
    }
  }

  /** `install_pkg(pkg_spec, install_path)`: returns `meta["deps"]` (undefined when absent). */
  private async installPkg(pkgSpec: string, installPath: string): Promise<Uint8Array | undefined> {
    const data = await this.getPkgMetadata(pkgSpec);
    const latestVer = item(item(data, 'info'), 'version');
    const packages = item(item(data, 'releases'), latestVer);
    if (!Array.isArray(packages) || packages.length !== 1) throw new PyException('AssertionError');
    const packageUrl = item(packages[0]!, 'url');
    this.print(`Installing ${pkgSpec} ${String(latestVer)} from ${String(packageUrl)}`);
    const f1 = await micropipUrlOpen(String(packageUrl), this.net);
    const s = micropipReadLines(f1);
    const tar = new CpythonTarFile(cpythonGzipDecompress(s));
    return this.installTar(tar, installPath);
  }

  /** `get_pkg_metadata(name)`: micropython.org first; any exception there → PyPI. */
  private async getPkgMetadata(name: string): Promise<PyValue> {
    let f;
    try {
      f = await micropipUrlOpen(`https://micropython.org/pi/${name}/json`, this.net);
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      f = await micropipUrlOpen(`https://pypi.org/pypi/${name}/json`, this.net);
    }
    const body = micropipReadLines(f);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new PyException('UnicodeDecodeError', "'utf-8' codec can't decode bytes: invalid data");
    }
    return cpythonJsonLoads(text);
  }

  /** `install_tar(f, prefix)`. */
  private installTar(tar: CpythonTarFile, prefix: string): Uint8Array | undefined {
    let deps: Uint8Array | undefined;
    for (const info of tar.members()) {
      const fname = upipStripTopDir(info.name);
      if (upipSkips(fname)) {
        if (fname.endsWith('/requires.txt')) deps = readMember(tar, info);
        if (this.debug) this.print(`Skipping ${fname}`);
        continue;
      }
      const outfname = prefix + fname;
      if (info.type === DIRTYPE) continue;
      if (this.debug) this.print('Extracting ' + outfname);
      this.makedirs(outfname);
      const content = readMember(tar, info);
      const f = this.device.fs.openWrite(outfname);
      f.write(content);
      f.close();
    }
    return deps;
  }

  /** `_makedirs(name)`: from `/` down to the file's directory, mkdir what does not exist. */
  private makedirs(name: string): void {
    const dirname = name.slice(0, name.lastIndexOf('/') + 1).replace(/(?<=.)\/+$/, '');
    const parts = dirname.split('/').filter((p) => p !== '');
    let mypath = '/';
    for (const elem of parts) {
      mypath = mypath.endsWith('/') ? mypath + elem : `${mypath}/${elem}`;
      try {
        this.device.fs.stat(mypath);
        continue;
      } catch {
        // os.path.exists is False: create it
      }
      try {
        this.device.fs.mkdir(mypath);
      } catch (e) {
        if (e instanceof PyException && e.type === 'OSError' && (e.errno === EEXIST || e.errno === EISDIR)) continue;
        throw e;
      }
    }
  }
}

/** `f.extractfile(info).read()`; `None.read()` for non-regular members. */
function readMember(tar: CpythonTarFile, info: Parameters<CpythonTarFile['extractfile']>[0]): Uint8Array {
  const f = tar.extractfile(info);
  if (!f) throw new PyException('AttributeError', "'NoneType' object has no attribute 'read'");
  return f.read();
}

/** `obj[key]` with CPython's texts (`KeyError: 'x'` prints as `'x'`). */
function item(obj: PyValue, key: PyValue): PyValue {
  if (obj instanceof PyDict) {
    const entry = obj.entries.find(([k]) => k === key);
    if (entry) return entry[1];
    throw new PyException('KeyError', typeof key === 'string' ? `'${key}'` : String(key));
  }
  if (Array.isArray(obj) && typeof key === 'number') {
    const v = obj[key < 0 ? obj.length + key : key];
    if (v === undefined) throw new PyException('IndexError', 'list index out of range');
    return v;
  }
  const type = obj === null ? 'NoneType' : Array.isArray(obj) ? 'list' : typeof obj === 'string' ? 'str' : typeof obj === 'number' ? 'int' : 'bool';
  if (type === 'list' || type === 'str') throw new PyException('TypeError', `${type} indices must be integers or slices, not ${typeof key === 'string' ? 'str' : 'int'}`);
  throw new PyException('TypeError', `'${type}' object is not subscriptable`);
}

/** CPython `json.loads` into PyValues; the error text only for the common "not JSON at all" case. */
function cpythonJsonLoads(text: string): PyValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const pos = text.search(/\S/);
    const at = pos < 0 ? text.length : pos;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new PyException('json.decoder.JSONDecodeError', `Expecting value: line ${line} column ${column} (char ${at})`);
  }
  return toPyValue(parsed);
}

function toPyValue(v: unknown): PyValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(toPyValue);
  const d = new PyDict();
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) d.set(k, toPyValue(val));
  return d;
}

/** `deps.rstrip()` then `decode("utf-8")`. */
function rstripBytes(b: Uint8Array): string {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x20 || (b[end - 1]! >= 0x09 && b[end - 1]! <= 0x0d))) end--;
  return new TextDecoder().decode(b.subarray(0, end));
}

/** CPython `repr(bytes)`. */
function cpythonBytesRepr(b: Uint8Array): string {
  let out = '';
  for (const c of b) {
    if (c === 0x5c) out += '\\\\';
    else if (c === 0x27) out += "\\'";
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return `b'${out}'`;
}
