/**
 * upip's extraction onto the device filesystem: `install_tar`, `_makedirs` and `save_file` of
 * tools/upip.py v1.19.1, reading members through `upip_utarfile` (`UtarReader`) from the
 * decompressor stream (`UpipDecompIO`). The one model of this loop: the upip installer runs it on
 * the scenario's device, `miprig inspect` on a scratch one (inspectUpipTar.ts).
 *
 * ```python
 * def save_file(fname, subf):
 *     with open(fname, "wb") as outf:
 *         while True:
 *             sz = subf.readinto(file_buf)      # file_buf = bytearray(512)
 *             if not sz: break
 *             outf.write(file_buf, sz)
 * ```
 *
 * A decoder failure inside a member therefore leaves that file with the whole 512-byte chunks
 * written before the failing `readinto` (which loses the bytes it had decoded).
 */
import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';
import { inflateBounded, type InflateFailure } from '../archive/boundedInflate.ts';
import { InflateStream, InflateStreamError, inflateFailureToPyException } from '../archive/inflateStream.ts';
import { upipIsRequiresFile, upipSkips, upipStripTopDir } from '../archive/upipTarRules.ts';
import { DIRTYPE, type TarByteSource, type UtarReader } from '../archive/utarReader.ts';

/** `file_buf`: the copy buffer of `save_file`. */
export const UPIP_FILE_BUF_SIZE = 512;

const EEXIST = 17;
const EISDIR = 21;

/** What `install_tar` returns: `meta`, with `deps` set when a requires.txt was read. */
export interface UpipMeta {
  deps?: Uint8Array;
}

/**
 * `install_tar(f, prefix)`: walk the members, skip metadata, write the rest under `prefix`.
 * Throws what the real loop raises (decoder errors already converted to `PyException`).
 *
 * @example
 * const meta = upipInstallTar(device, tar, '/home/.micropython/lib/', false);
 */
export function upipInstallTar(device: Device, tar: UtarReader, prefix: string, debug: boolean): UpipMeta {
  const meta: UpipMeta = {};
  for (let info = tar.next(); info; info = tar.next()) {
    const fname = upipStripTopDir(info.name);
    // for p in ("setup.", "PKG-INFO", "README"): the test does not depend on p, so the first
    // round decides; ".egg-info" anywhere also skips.
    if (upipSkips(fname)) {
      if (upipIsRequiresFile(fname)) meta.deps = tar.extractfile(info).read();
      if (debug) device.print(`Skipping ${fname}`);
      continue;
    }
    const outfname = prefix + fname;
    if (info.type === DIRTYPE) continue;
    if (debug) device.print('Extracting ' + outfname);
    upipMakedirs(device, outfname);
    const subf = tar.extractfile(info);
    const outf = device.fs.openWrite(outfname);
    try {
      for (;;) {
        const chunk = subf.readinto(UPIP_FILE_BUF_SIZE);
        if (chunk.length === 0) break;
        outf.write(chunk.slice());
      }
    } finally {
      outf.close();
    }
  }
  return meta;
}

/**
 * `uzlib.DecompIO(f, 16 + windowBits)` over a downloaded body, as `upip_utarfile` reads it:
 * decoder failures surface as Python exceptions (`OSError: [Errno 22] EINVAL`, `EOFError`), and a
 * body that is not gzip raises `ValueError: compression header` from the constructor, before any
 * member is read.
 *
 * @example
 * const tar = new UtarReader(new UpipDecompIO(tgz, 12), { errorReporting: 'detailed' });
 * upipInstallTar(device, tar, '/lib/', false); // throws OSError(22) for a 32 KiB-window sdist
 */
export class UpipDecompIO implements TarByteSource {
  /** The decoder failure behind the exception a `read` raised, once one did. */
  failure: InflateFailure | undefined;
  private readonly stream: InflateStream;

  constructor(body: Uint8Array, windowBits: number) {
    const decoded = inflateBounded(body, { format: 'gzip', windowBits });
    // The constructor parses the gzip header; a failure there happens before any member.
    if (decoded.failure && decoded.gzipHeader === undefined) throw inflateFailureToPyException(decoded.failure, 'uzlib');
    this.stream = new InflateStream(decoded);
  }

  read(n: number): Uint8Array {
    try {
      return this.stream.read(n);
    } catch (e) {
      if (!(e instanceof InflateStreamError)) throw e;
      this.failure = e.failure;
      throw inflateFailureToPyException(e.failure, 'uzlib');
    }
  }
}

/**
 * `_makedirs(name)`: mkdir every parent component from the first, ignoring EEXIST/EISDIR. A name
 * with no `/` left after `rstrip("/")` has no components: `comps[0]` raises IndexError.
 *
 * @example
 * upipMakedirs(device, '/home/.micropython/lib/pkg/mod.py') // mkdir '/', '/home', …, '/home/.micropython/lib/pkg'
 */
export function upipMakedirs(device: Device, name: string): void {
  const comps = name.replace(/\/+$/, '').split('/').slice(0, -1);
  if (comps.length === 0) throw new PyException('IndexError', 'list index out of range');
  let s = comps[0] === '' ? '/' : '';
  for (const c of comps) {
    if (s && !s.endsWith('/')) s += '/';
    s += c;
    try {
      device.fs.mkdir(s);
    } catch (e) {
      if (!(e instanceof PyException) || e.type !== 'OSError') throw e;
      if (e.errno !== EEXIST && e.errno !== EISDIR) throw e;
    }
  }
}
