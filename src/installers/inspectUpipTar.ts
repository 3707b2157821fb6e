/**
 * What upip does with a `.tar.gz`, found by doing it: the installer's own `DecompIO` stream and
 * `install_tar` loop (upipInstallTar.ts) run on a scratch virtual device, with upip's `debug` on so
 * the loop says what it skips and extracts. The report is read off what happened: the files left
 * on the device, the requires.txt the loop returned, the exception it raised. Nothing here decides
 * what upip would do, so `miprig inspect` cannot disagree with the installer.
 */
import { createVirtualDevice, type VirtualDevice } from '../device/VirtualDevice.ts';
import { PyException } from '../py/PyException.ts';
import { errorReportingFor } from '../py/errors.ts';
import { upipDepsFromRequires } from '../archive/upipTarRules.ts';
import { UtarReader, type UtarInfo, type UtarVariant } from '../archive/utarReader.ts';
import { deviceSpec } from '../scenario/schema.ts';
import { UpipDecompIO, upipInstallTar } from './upipInstallTar.ts';

/** The install path on the scratch device: empty, so every file under it is the loop's doing. */
const PREFIX = '/lib/';

export interface UpipWrittenFile {
  /** Name after stripping the top directory (upip writes `prefix + path`). */
  path: string;
  /** Bytes on the device afterwards (whole 512-byte chunks when the copy failed midway). */
  bytes: number;
  /** False for the file being copied when the loop raised. */
  complete: boolean;
}

export interface UpipTarRun {
  ok: boolean;
  /** Files the loop created, in the order it extracted them (a file it failed to open is absent). */
  written: UpipWrittenFile[];
  /** Stripped names the loop skipped (setup.*, PKG-INFO, README*, *.egg-info*). */
  skipped: string[];
  /** Specs `install()` would queue from the requires.txt the loop returned (none when it raised). */
  deps: string[];
  /** The exception `install()` catches (`Error installing '…': {text}, packages may be partially installed`). */
  error?: PyException;
  /** Decompressed (tar) offset where the decoder failed, when the error is the decoder's. */
  failedAtOffset?: number;
  /** Raw tar name of the member being processed when the loop raised (undefined between members). */
  failedMember?: string;
}

export interface UpipTarRunOptions {
  /** `gzdict_sz - 16`: 15 normally, 12 when `gc.mem_free() + gc.mem_alloc() <= 65536`. */
  windowBits: number;
  /** The `upip_utarfile` generation to read with (default: the one frozen in v1.12–v1.19.1). */
  variant?: UtarVariant;
}

/**
 * Run upip's extraction of `tgz` on a fresh unix v1.19.1 virtual device and report what it did.
 *
 * @example
 * const run = runUpipTar(tgz, { windowBits: 12 });
 * run.error?.line // 'OSError: [Errno 22] EINVAL' for a 32 KiB-window PyPI sdist
 * run.written     // [{ path: 'big.py', bytes: 6, complete: true }, { path: 'big_blob.bin', bytes: 8192, complete: false }]
 */
export function runUpipTar(tgz: Uint8Array, opts: UpipTarRunOptions): UpipTarRun {
  const device = createVirtualDevice(deviceSpec.parse({ port: 'unix', version: '1.19.1' }), new Map());
  const run: UpipTarRun = { ok: false, written: [], skipped: [], deps: [] };
  let f3: UpipDecompIO;
  try {
    f3 = new UpipDecompIO(tgz, opts.windowBits);
  } catch (e) {
    // DecompIO's constructor only fails on the gzip header: nothing was decoded.
    run.error = caughtPyException(e);
    run.failedAtOffset = 0;
    return run;
  }
  const tar = new WatchedTar(f3, { variant: opts.variant ?? 'upip', errorReporting: errorReportingFor(device.port) });
  try {
    const meta = upipInstallTar(device, tar, PREFIX, true);
    if (meta.deps) run.deps = upipDepsFromRequires(meta.deps);
    run.ok = true;
  } catch (e) {
    run.error = caughtPyException(e);
    if (f3.failure) run.failedAtOffset = f3.failure.outputOffset;
    if (tar.current) run.failedMember = tar.current.name;
  }
  readTrace(device, run, tar.current !== undefined && !run.ok);
  return run;
}

/** The reader upip's loop gets, noting which member the loop is on (none while reading a header). */
class WatchedTar extends UtarReader {
  current: UtarInfo | undefined;

  override next(): UtarInfo | undefined {
    this.current = undefined;
    this.current = super.next();
    return this.current;
  }
}

/**
 * The loop's `debug` lines (`Skipping <fname>`, `Extracting <prefix + fname>`) with the files on
 * the device. The last line is the member the loop was on when it raised, if it raised inside one.
 */
function readTrace(device: VirtualDevice, run: UpipTarRun, raisedInMember: boolean): void {
  const lines = device.output;
  lines.forEach((line, i) => {
    if (line.startsWith('Skipping ')) {
      run.skipped.push(line.slice('Skipping '.length));
    } else if (line.startsWith('Extracting ')) {
      const outfname = line.slice('Extracting '.length);
      const bytes = fileSize(device, outfname);
      if (bytes === undefined) return;
      run.written.push({ path: outfname.slice(PREFIX.length), bytes, complete: !(raisedInMember && i === lines.length - 1) });
    }
  });
}

function fileSize(device: VirtualDevice, path: string): number | undefined {
  try {
    const st = device.fs.stat(path);
    return st.isDir ? undefined : st.size;
  } catch (e) {
    if (e instanceof PyException) return undefined;
    throw e;
  }
}

/** The Python exception caught, or a host error rethrown. */
function caughtPyException(e: unknown): PyException {
  if (e instanceof PyException) return e;
  throw e;
}
