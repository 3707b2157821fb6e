/**
 * What upip's extraction does to a downloaded `.tar.gz`, without a filesystem: the stream
 * `uzlib.DecompIO(sock, 16 + windowBits)` → `upip_utarfile.TarFile` → `install_tar`, with
 * `save_file` copying 512 bytes per `readinto`. Reports the files written (with how many bytes,
 * so a failure leaves the same partial file a board leaves), the skipped members, the queued
 * deps, and the exception upip's `install()` would print.
 *
 * Not modelled: filesystem errors (makedirs/open), which belong to the device; the per-file
 * 512-byte granularity is, so partial file sizes match.
 */
import { PyException } from '../python/PyException.ts';
import { inflateBounded, type InflateFailure } from './boundedInflate.ts';
import { InflateStream, InflateStreamError, inflateFailureToPyException } from './inflateStream.ts';
import { upipDepsFromRequires, upipIsRequiresFile, upipSkips, upipStripTopDir } from './upipTarRules.ts';
import { DIRTYPE, UtarReader, type UtarOptions } from './utarReader.ts';

export interface UpipWrittenFile {
  /** Name after stripping the top directory (upip writes `prefix + path`). */
  path: string;
  /** Bytes written before the end or the failure (a multiple of 512 when incomplete). */
  bytes: number;
  complete: boolean;
  /** The content written (truncated like `bytes` when incomplete). */
  content: Uint8Array;
}

export interface UpipTarOutcome {
  ok: boolean;
  written: UpipWrittenFile[];
  /** Stripped names upip skipped (setup.*, PKG-INFO, README*, *.egg-info*). */
  skipped: string[];
  /** Directory entries (not written; upip creates parents per file instead). */
  directories: string[];
  /** Specs queued from requires.txt (only if it was read before any failure). */
  deps: string[];
  /** The exception `install()` catches (`Error installing '…': {text}, packages may be partially installed`). */
  error?: PyException;
  /** The decoder failure behind `error`, when it came from decompression. */
  inflateFailure?: InflateFailure;
  /** Raw tar name of the member being processed when it failed (undefined if between members). */
  failedMember?: string;
}

export interface SimulateUpipOptions extends UtarOptions {
  /** 15 normally, 12 when `gc.mem_free() + gc.mem_alloc() <= 65536`. */
  windowBits: number;
  /** `save_file`'s buffer, 512 in upip. */
  copyBufferSize?: number;
}

/**
 * @example
 * const outcome = simulateUpipTar(tgz, { windowBits: 12 });
 * outcome.error?.line // 'OSError: [Errno 22] EINVAL' for a 32 KiB-window PyPI sdist
 */
export function simulateUpipTar(tgz: Uint8Array, opts: SimulateUpipOptions): UpipTarOutcome {
  const outcome: UpipTarOutcome = { ok: false, written: [], skipped: [], directories: [], deps: [] };
  const decoded = inflateBounded(tgz, { format: 'gzip', windowBits: opts.windowBits });
  // DecompIO's constructor parses the gzip header: failures there happen before any member.
  if (decoded.failure && decoded.gzipHeader === undefined) {
    outcome.error = inflateFailureToPyException(decoded.failure, 'uzlib');
    outcome.inflateFailure = decoded.failure;
    return outcome;
  }
  const tar = new UtarReader(new InflateStream(decoded), opts);
  const bufferSize = opts.copyBufferSize ?? 512;
  let current: string | undefined;
  let depsBody: Uint8Array | undefined;
  let open: { file: UpipWrittenFile; chunks: Uint8Array[] } | undefined;
  try {
    for (let info = tar.next(); info; info = tar.next()) {
      current = info.name;
      const fname = upipStripTopDir(info.name);
      if (upipSkips(fname)) {
        outcome.skipped.push(fname);
        if (upipIsRequiresFile(fname)) depsBody = tar.extractfile(info).read();
      } else if (info.type === DIRTYPE) {
        outcome.directories.push(fname);
      } else {
        // save_file opens (creates) the file before the first read, so a failure leaves it behind.
        const file: UpipWrittenFile = { path: fname, bytes: 0, complete: false, content: new Uint8Array(0) };
        outcome.written.push(file);
        open = { file, chunks: [] };
        const section = tar.extractfile(info);
        for (let chunk = section.readinto(bufferSize); chunk.length > 0; chunk = section.readinto(bufferSize)) {
          open.chunks.push(chunk);
          file.bytes += chunk.length;
        }
        file.complete = true;
        file.content = concat(open.chunks);
        open = undefined;
      }
      current = undefined;
    }
    outcome.deps = depsBody ? upipDepsFromRequires(depsBody) : [];
    outcome.ok = true;
  } catch (e) {
    if (e instanceof InflateStreamError) {
      outcome.error = inflateFailureToPyException(e.failure, 'uzlib');
      outcome.inflateFailure = e.failure;
    } else if (e instanceof PyException) {
      outcome.error = e;
    } else {
      throw e;
    }
    if (current !== undefined) outcome.failedMember = current;
    if (open) open.file.content = concat(open.chunks);
  }
  return outcome;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!.slice();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
