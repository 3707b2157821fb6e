/**
 * On-device `mip.install()`: a statement-by-statement translation of micropython-lib
 * `micropython/mip/mip/__init__.py` (0.2.0, 0.3.0, 0.4.1, 0.4.2, 0.5.0), running on a `Device`
 * and talking through the `requests` model of the device's runtime. Printed lines, request
 * order, files written (128 bytes at a time) and exceptions are those of the real code.
 */
import { requestsConnectionCost } from './requestsHeap.ts';
import { scaleByStack } from '../device/buildProfile.ts';
import { sha256Hex } from '../world/sha256.ts';
import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';
import { httpGet, type HttpContext, type HttpResponse } from '../net/httpClient.ts';
import { PyErrors, errorReportingFor } from '../py/errors.ts';
import { pyStr, pyTruthy, type PyValue } from '../py/values.ts';
import type { Network } from '../net/Network.ts';
import type { HttpModule } from '../net/httpModules.ts';
import { mipFeatures, type MipFeatures } from './mipFeatures.ts';
import { ensurePathExists } from './ensurePathExists.ts';
import { dictGet, pyIterate, sliceFirstTwo, strConcat, strStartsWith, unpackPair } from '../py/ops.ts';

/** `_PACKAGE_INDEX`. */
export const PACKAGE_INDEX = 'https://micropython.org/pi/v2';
/** `_CHUNK_SIZE`: bytes per `readinto`/`write` when copying a download and when hashing. */
export const CHUNK_SIZE = 128;

/** The arguments of `mip.install(package, index=None, target=None, version=None, mpy=True)`. */
export interface MipInstallArgs {
  package: string;
  index?: string;
  target?: string;
  version?: string;
  mpy?: boolean;
}

export interface MipOptions {
  /** Use this HTTP module instead of the one the device's runtime freezes. */
  httpModule?: HttpModule;
}

/**
 * `mip.install(...)` on a device. Returns when the real call returns (success or printed
 * failure); throws `PyException` for what the real call raises and `HangError` when it would
 * block forever. Files already written stay written.
 *
 * @example
 * await mipInstall(device, network, { package: 'hello' }, '0.2.0');
 * device.output // ['Installing hello (latest) from https://micropython.org/pi/v2 to /lib', 'Copying: /lib/hello.mpy', 'Done']
 */
export async function mipInstall(
  device: Device,
  network: Network,
  args: MipInstallArgs,
  mipVersion: string,
  options: MipOptions = {},
): Promise<void> {
  await new MipRun(device, network, mipFeatures(mipVersion), options).install(args);
}

/** One `install()` call: the module's functions, sharing the device and the HTTP context. */
class MipRun {
  private readonly http: HttpContext;
  private readonly errors: PyErrors;

  constructor(
    private readonly device: Device,
    network: Network,
    private readonly features: MipFeatures,
    options: MipOptions,
  ) {
    this.http = { network, runtime: device.version, port: device.port };
    const cost = requestsConnectionCost(device);
    if (cost) this.http.openConnection = cost;
    if (options.httpModule) this.http.httpModule = options.httpModule;
    this.errors = new PyErrors(errorReportingFor(device.port));
  }

  private print(...parts: string[]): void {
    this.device.print(parts.join(' '));
  }

  async install(args: MipInstallArgs): Promise<void> {
    let target = args.target;
    if (!target) {
      target = this.device.sysPath.find(
        (p) => !(this.features.skipRomTargets && p.startsWith('/rom')) && p.endsWith('/lib'),
      );
      if (target === undefined) {
        this.print('Unable to find lib dir in sys.path');
        return;
      }
    }
    const index = (args.index || PACKAGE_INDEX).replace(/\/+$/, '');
    const mpy = args.mpy ?? true;
    const ok = await this.installPackage(args.package, index, target, args.version ?? null, mpy, 1);
    this.print(ok ? 'Done' : 'Package may be partially installed');
  }

  /** `_install_package`. `depth` counts nested calls, for the recursion limit. */
  private async installPackage(
    pkg: PyValue,
    index: string,
    target: string,
    version: PyValue,
    mpy: boolean,
    depth: number,
  ): Promise<boolean> {
    let packageJsonUrl: string;
    if (this.features.urlPrefixes.some((p) => strStartsWith(pkg, p, this.errors))) {
      const spec = pkg as string;
      if (spec.endsWith('.py') || spec.endsWith('.mpy')) {
        this.print(`Downloading ${spec} to ${target}`);
        const url = this.rewriteUrl(spec, version);
        return this.downloadFile(url, target + '/' + spec.slice(spec.lastIndexOf('/') + 1), depth);
      }
      packageJsonUrl = spec;
      if (!packageJsonUrl.endsWith('.json')) {
        if (!packageJsonUrl.endsWith('/')) packageJsonUrl += '/';
        packageJsonUrl += 'package.json';
      }
      this.print(`Installing ${packageJsonUrl} to ${target}`);
    } else {
      if (!pyTruthy(version)) version = 'latest';
      const name = pyStr(pkg);
      this.print(`Installing ${name} (${pyStr(version)}) from ${index} to ${target}`);
      const mpyVersion = mpy && this.device.mpy !== undefined ? String(this.device.mpy & 0xff) : 'py';
      packageJsonUrl = `${index}/package/${mpyVersion}/${name}/${pyStr(version)}.json`;
    }
    return this.installJson(packageJsonUrl, index, target, version, mpy, depth);
  }

  /** `_install_json`. */
  private async installJson(
    packageJsonUrl: string,
    index: string,
    target: string,
    version: PyValue,
    mpy: boolean,
    depth: number,
  ): Promise<boolean> {
    const response = await this.get(this.rewriteUrl(packageJsonUrl, version), depth);
    let packageJson: PyValue;
    try {
      if (response.status !== 200) {
        this.print('Package not found:', packageJsonUrl);
        return false;
      }
      packageJson = response.json();
    } finally {
      response.close();
    }
    const e = this.errors;
    for (const entry of pyIterate(dictGet(packageJson, 'hashes', e), e)) {
      const [targetPath, shortHash] = unpackPair(entry, e);
      const fsTargetPath = strConcat(target + '/', targetPath, e);
      if (this.checkExists(fsTargetPath, shortHash)) {
        this.print('Exists:', fsTargetPath);
      } else {
        const fileUrl = `${index}/file/${sliceFirstTwo(shortHash, e)}/${pyStr(shortHash)}`;
        if (!(await this.downloadFile(fileUrl, fsTargetPath, depth))) {
          this.print(`File not found: ${pyStr(targetPath)} ${pyStr(shortHash)}`);
          return false;
        }
      }
    }
    // rpartition("/")[0]: empty when there is no "/" (never for a URL or index spec).
    const baseUrl = packageJsonUrl.slice(0, Math.max(0, packageJsonUrl.lastIndexOf('/')));
    for (const entry of pyIterate(dictGet(packageJson, 'urls', e), e)) {
      const [targetPath, urlValue] = unpackPair(entry, e);
      const fsTargetPath = strConcat(target + '/', targetPath, e);
      let url = urlValue;
      if (this.features.relativeUrls) {
        const isFullUrl = this.features.urlPrefixes.some((p) => strStartsWith(urlValue, p, e));
        if (baseUrl && !isFullUrl) url = `${baseUrl}/${urlValue as string}`; // relative URLs
      }
      if (!(await this.downloadFile(this.rewriteUrl(url, version), fsTargetPath, depth))) {
        this.print(`File not found: ${pyStr(targetPath)} ${pyStr(url)}`);
        return false;
      }
    }
    for (const entry of pyIterate(dictGet(packageJson, 'deps', e), e)) {
      const [dep, depVersion] = unpackPair(entry, e);
      if (!(await this.installPackage(dep, index, target, depVersion, mpy, depth + 1))) return false;
    }
    return true;
  }

  /** `_download_file`. */
  private async downloadFile(url: string, dest: string, depth: number): Promise<boolean> {
    const response = await this.get(url, depth);
    try {
      if (response.status !== 200) {
        this.print('Error', String(response.status), 'requesting', url);
        return false;
      }
      this.print('Copying:', dest);
      ensurePathExists(this.device, dest);
      const f = this.device.fs.openWrite(dest);
      try {
        copyChunks(response, (chunk) => f.write(chunk));
      } finally {
        f.close();
      }
      return true;
    } finally {
      response.close();
    }
  }

  /** `requests.get(url)`, failing like the real stack once a dependency cycle is deep enough. */
  private get(url: string, depth: number): Promise<HttpResponse> {
    if (depth > scaleByStack(this.features.cycleRounds, this.device.build)) {
      throw new PyException('RuntimeError', 'maximum recursion depth exceeded');
    }
    return httpGet(url, this.http);
  }

  /** `_rewrite_url(url, branch)`. */
  private rewriteUrl(url: PyValue, branch: PyValue): string {
    const e = this.errors;
    if (this.features.rewriteStyle === 'format') {
      const templates: Array<[string, (o: string, r: string, b: string, p: string) => string]> = [
        ['codeberg:', (o, r, b, p) => `codeberg.org/api/v1/repos/${o}/${r}/raw/${p}?ref=${b}`],
        ['github:', (o, r, b, p) => `raw.githubusercontent.com/${o}/${r}/${b}/${p}`],
        ['gitlab:', (o, r, b, p) => `gitlab.com/${o}/${r}/-/raw/${b}/${p}`],
      ];
      for (const [provider, format] of templates) {
        if (!strStartsWith(url, provider, e)) continue;
        const parts = (url as string).slice(provider.length).split('/');
        if (parts.length < 2) throw e.indexOutOfRange();
        const ref = pyTruthy(branch) ? pyStr(branch) : 'HEAD';
        return 'https://' + format(parts[0]!, parts[1]!, ref, parts.slice(2).join('/'));
      }
      return url as string;
    }
    const ref = pyTruthy(branch) ? branch : 'HEAD';
    const hosts: Array<[string, string, string]> = [['github:', 'https://raw.githubusercontent.com/', '/']];
    if (this.features.urlPrefixes.includes('gitlab:')) hosts.push(['gitlab:', 'https://gitlab.com/', '/-/raw/']);
    for (const [provider, start, beforeRef] of hosts) {
      if (!strStartsWith(url, provider, e)) continue;
      const parts = (url as string).slice(provider.length).split('/');
      if (parts.length < 2) throw e.indexOutOfRange();
      // "…" + url[0] + "/" + url[1] + "/" + branch + …: a non-str branch fails at that "+".
      return strConcat(start + parts[0]! + '/' + parts[1]! + beforeRef, ref, e) + '/' + parts.slice(2).join('/');
    }
    return url as string;
  }

  /** `_check_exists`: the file's sha256 hex starts with `shortHash`; any failure → false. */
  private checkExists(path: string, shortHash: PyValue): boolean {
    if (typeof shortHash !== 'string') return false; // str == non-str is False (or len() raised, caught)
    let data: Uint8Array;
    try {
      data = this.device.fs.readFile(path);
    } catch {
      return false;
    }
    const hex = sha256Hex(data);
    return hex.slice(0, shortHash.length) === shortHash;
  }
}

/** `_chunk(response.raw, f.write)`: 128-byte `readinto` until it returns 0. */
function copyChunks(response: HttpResponse, write: (chunk: Uint8Array) => void): void {
  const buf = new Uint8Array(CHUNK_SIZE);
  for (;;) {
    const n = response.raw.readinto(buf);
    if (n === 0) break;
    // A fresh copy per write: the device may keep the bytes it is given.
    write(buf.slice(0, n));
  }
}
