/**
 * The frozen `upip` module of MicroPython ≤ v1.19.1 (tools/upip.py + tools/upip_utarfile.py),
 * translated statement by statement and run on a `Device`: PyPI-style JSON from each index in
 * turn, exactly one release file, the tarball streamed through `uzlib.DecompIO(sock, gzdict_sz)`
 * into `upip_utarfile`, files written 512 bytes at a time, requires.txt lines queued verbatim.
 *
 * One `UpipModule` is one imported module: its globals (`debug`, `index_urls`, `install_path`,
 * `gzdict_sz`, `warn_ussl`) live as long as the process, as on the device.
 *
 * Version gates (cheap ones only; v1.19.1 is the verified target): `name==ver` and the `.frozen`
 * install-path rule exist from v1.18. Older differences (no `host:port` before v1.14, the help
 * text before v1.18) are not modelled.
 */
import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';
import { upipDepsFromRequires } from '../archive/upipTarRules.ts';
import { UtarReader } from '../archive/utarReader.ts';
import { microPythonJsonLoads } from '../net/httpClientJson.ts';
import { bytesRepr, errorReportingFor, PyErrors } from '../py/errors.ts';
import { PyDict, pyRepr, pyStr, pyTypeName, type PyValue } from '../py/values.ts';
import type { Network } from '../net/Network.ts';
import { atLeast } from '../scenario/version.ts';
import { UpipHeap } from './upipHeap.ts';
import { notFoundError, upipUrlOpen, type UpipNetState } from './upipHttp.ts';
import { UpipDecompIO, upipInstallTar, type UpipMeta } from './upipInstallTar.ts';

/** `index_urls`: tried in order; only NotFoundError falls through to the next. */
export const UPIP_INDEX_URLS: readonly string[] = ['https://micropython.org/pi', 'https://pypi.org/pypi'];

/**
 * The imported module. Create one per process (`micropython -m upip …` or one `import upip`).
 *
 * @example
 * const upip = new UpipModule(device, network);
 * await upip.install('micropython-foo');
 * device.output // ['Installing to: /home/.micropython/lib/', 'Warning: micropython.org SSL certificate is not validated', 'Installing micropython-foo 1.0 from https://…']
 */
export class UpipModule {
  debug = false;
  indexUrls: string[] = [...UPIP_INDEX_URLS];
  installPath: string | null = null;
  gzdictSz = 16 + 15;
  private readonly net: UpipNetState;
  private readonly heap: UpipHeap | undefined;

  constructor(
    readonly device: Device,
    network: Network,
  ) {
    const wordBytes = device.port === 'unix' ? 8 : 4;
    this.heap = device.heap ? new UpipHeap(device.heap, wordBytes, device.build) : undefined;
    // Importing upip and what the process already holds: see upipHeap.ts.
    this.heap?.reserveWorkingSet();
    this.net = {
      network,
      device,
      errors: new PyErrors(errorReportingFor(device.port)),
      debug: false,
      warnUssl: true,
      heap: this.heap,
    };
  }

  private print(line: string): void {
    this.device.print(line);
  }

  /**
   * `install(to_install, install_path=None)`. Failures inside the queue loop are printed as
   * `Error installing '…': …, packages may be partially installed` and end the call normally;
   * `SystemExit` (a failed resolve), `HangError` and errors before the loop propagate.
   */
  async install(toInstall: string | string[], installPath: string | null = null): Promise<void> {
    if (this.device.heapPool <= 65536) this.gzdictSz = 16 + 12;
    let path = installPath ?? this.getInstallPath();
    if (path.length === 0) throw new PyException('IndexError', 'string index out of range');
    if (!path.endsWith('/')) path += '/';
    const queue = Array.isArray(toInstall) ? toInstall : [toInstall];
    this.print('Installing to: ' + path);
    const installed: string[] = [];
    let pkgSpec = '';
    try {
      while (queue.length > 0) {
        if (this.debug) this.print('Queue: ' + pyRepr(queue));
        pkgSpec = queue.shift()!;
        if (installed.includes(pkgSpec)) continue;
        const meta = await this.installPkg(pkgSpec, path);
        installed.push(pkgSpec);
        if (this.debug) this.print(metaRepr(meta));
        if (meta.deps) {
          const deps = upipDepsFromRequires(meta.deps);
          queue.push(...deps);
        }
      }
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      this.print(`Error installing '${pkgSpec}': ${e.text}, packages may be partially installed`);
    }
  }

  /** `get_install_path()`: `sys.path[1]` (or `[2]` when `[1]` is `.frozen`, v1.18+), `~/` expanded. */
  getInstallPath(): string {
    if (this.installPath === null) {
      const sysPath = this.device.sysPath;
      let p = sysPath[1];
      if (p === undefined) throw new PyException('IndexError', 'list index out of range');
      if (p === '.frozen' && atLeast(this.device.version, '1.18.0')) {
        p = sysPath[2];
        if (p === undefined) throw new PyException('IndexError', 'list index out of range');
      }
      this.installPath = p;
    }
    this.installPath = this.expandHome(this.installPath);
    return this.installPath;
  }

  /** `expandhome(s)`: every `~/` becomes `$HOME/` (`os.getenv` exists on unix only). */
  expandHome(s: string): string {
    if (!s.includes('~/')) return s;
    if (this.device.port !== 'unix') throw new PyException('AttributeError', "'module' object has no attribute 'getenv'");
    if (this.device.home === undefined) throw new PyException('TypeError', "unsupported types for __add__: 'NoneType', 'str'");
    return s.split('~/').join(this.device.home + '/');
  }

  /** `install_pkg(pkg_spec, install_path)`. */
  private async installPkg(pkgSpec: string, installPath: string): Promise<UpipMeta> {
    const withVersions = atLeast(this.device.version, '1.18.0');
    const pkg = withVersions ? pkgSpec.split('==') : [pkgSpec];
    const data = await this.getPkgMetadata(pkg[0]!);
    const errors = this.net.errors;
    const latestVer: PyValue = pkg.length === 1 ? subscript(subscript(data, 'info', errors), 'version', errors) : pkg[1]!;
    const packages = subscript(subscript(data, 'releases', errors), latestVer, errors);
    if (pyLen(packages, errors) !== 1) throw new PyException('AssertionError');
    const packageUrl = subscript(subscript(packages, 0, errors), 'url', errors);
    this.print(`Installing ${pkgSpec} ${pyStr(latestVer)} from ${pyStr(packageUrl)}`);
    if (typeof packageUrl !== 'string') throw errors.noAttribute(pyTypeName(packageUrl), 'split');

    const f1 = await upipUrlOpen(packageUrl, this.syncNet());
    let decompObject: number | undefined;
    let window: number | undefined;
    try {
      // uzlib.DecompIO(f1, gzdict_sz): the object, then the gzip header, then the window.
      decompObject = this.heap?.allocate(this.heap.decompioObjectBytes);
      const windowBits = this.gzdictSz - 16;
      const f3 = new UpipDecompIO(f1.sock.readAll(), windowBits);
      window = this.heap?.allocate(1 << windowBits);
      const tar = new UtarReader(f3, { errorReporting: errors.level });
      return upipInstallTar(this.device, tar, installPath, this.debug);
    } finally {
      f1.close();
      // del f3; del f2; gc.collect()
      this.heap?.free(window);
      this.heap?.free(decompObject);
    }
  }

  /** `get_pkg_metadata(name)`. */
  private async getPkgMetadata(name: string): Promise<PyValue> {
    for (const url of this.indexUrls) {
      let f;
      try {
        f = await upipUrlOpen(`${url}/${name}/json`, this.syncNet());
      } catch (e) {
        if (e instanceof PyException && e.type === 'NotFoundError') continue;
        throw e;
      }
      try {
        return microPythonJsonLoads(f.sock.readAll(), { failOnUnterminated: false, errors: this.net.errors });
      } finally {
        f.close();
      }
    }
    throw notFoundError();
  }

  /** The HTTP state with the current `debug` flag. */
  private syncNet(): UpipNetState {
    this.net.debug = this.debug;
    return this.net;
  }
}

/** `obj[key]` for the JSON values upip indexes. */
function subscript(obj: PyValue, key: string | number | PyValue, errors: PyErrors): PyValue {
  if (obj instanceof PyDict) {
    const entry = typeof key === 'string' ? obj.entries.find(([k]) => k === key) : undefined;
    if (entry) return entry[1];
    throw new PyException('KeyError', pyStr(key as PyValue));
  }
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (typeof key !== 'number') throw new PyException('TypeError', `${pyTypeName(obj)} indices must be integers, not ${pyTypeName(key as PyValue)}`);
    const items = Array.isArray(obj) ? obj : Array.from(obj);
    const at = key < 0 ? items.length + key : key;
    if (at < 0 || at >= items.length) {
      throw new PyException('IndexError', Array.isArray(obj) ? 'list index out of range' : 'string index out of range');
    }
    return items[at]!;
  }
  throw errors.notSubscriptable(pyTypeName(obj));
}

/** `len(v)`. */
function pyLen(v: PyValue, errors: PyErrors): number {
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'string') return Array.from(v).length;
  if (v instanceof PyDict) return v.entries.length;
  if (errors.level === 'terse') throw new PyException('TypeError', "object has no len");
  throw new PyException('TypeError', `object of type '${pyTypeName(v)}' has no len()`);
}

/** `print(meta)` with `--debug`. */
function metaRepr(meta: UpipMeta): string {
  return meta.deps === undefined ? '{}' : `{'deps': ${bytesRepr(meta.deps)}}`;
}
