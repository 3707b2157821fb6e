/**
 * The report behind `miprig inspect`: the archive as read (inspectArchive.ts) plus what upip does
 * with it under each of its two windows (32 KiB normally, 4 KiB when `gc.mem_free() +
 * gc.mem_alloc() <= 65536`), each found by running upip's extraction loop (inspectUpipTar.ts).
 * Plain data; formatting is the CLI's job.
 */
import { inspectArchive, locateTarOffset, type ArchiveReport, type TarLocation } from '../archive/inspectArchive.ts';
import { runUpipTar } from './inspectUpipTar.ts';

export interface UpipVerdict {
  windowBits: number;
  window: number;
  succeeds: boolean;
  /** `Error installing '…': {errorText}, packages may be partially installed`. */
  errorLine?: string;
  errorText?: string;
  /** Output (tar) offset where decompression failed. */
  failedAtOffset?: number;
  /** The member upip was processing (undefined when it failed reading a header / skipping). */
  failedMember?: string;
  /** Where in the tar the failure offset falls (from the full decode's member list). */
  failedIn?: TarLocation;
  extracted: { path: string; bytes: number; complete: boolean }[];
  skipped: string[];
  deps: string[];
}

export interface InspectReport extends ArchiveReport {
  upip: {
    /** `heap` as given (compared with 65536 as upip compares mem_free + mem_alloc). */
    heap?: number;
    /** The window upip picks for `heap` (undefined when no heap was given). */
    chosenWindowBits?: number;
    smallHeap: UpipVerdict;
    largeHeap: UpipVerdict;
  };
}

export interface InspectOptions {
  /** The device's `gc.mem_free() + gc.mem_alloc()` (≤ 65536 → upip uses a 4 KiB window). */
  heap?: number;
}

/**
 * @example
 * const report = inspectPackage(tgz, { heap: 48 * 1024 });
 * report.neededWindow // 32768 for a CPython-made sdist
 * report.upip.smallHeap.errorLine // "OSError: [Errno 22] EINVAL"
 */
export function inspectPackage(bytes: Uint8Array, opts: InspectOptions = {}): InspectReport {
  const archive = inspectArchive(bytes);
  const report: InspectReport = {
    ...archive,
    upip: { smallHeap: upipVerdict(bytes, 12, archive), largeHeap: upipVerdict(bytes, 15, archive) },
  };
  if (opts.heap !== undefined) {
    report.upip.heap = opts.heap;
    report.upip.chosenWindowBits = opts.heap <= 65536 ? 12 : 15;
  }
  return report;
}

/**
 * upip's extraction of `bytes` with a `2^windowBits` window, located in the archive's member list.
 *
 * @example
 * upipVerdict(tgz, 12, inspectArchive(tgz)).failedIn // { member: 'big-1.0/big_blob.bin', part: 'data' }
 */
export function upipVerdict(bytes: Uint8Array, windowBits: number, archive: ArchiveReport): UpipVerdict {
  const run = runUpipTar(bytes, { windowBits });
  const verdict: UpipVerdict = {
    windowBits,
    window: 2 ** windowBits,
    succeeds: run.ok,
    extracted: run.written,
    skipped: run.skipped,
    deps: run.deps,
  };
  if (run.error) {
    verdict.errorText = run.error.text;
    verdict.errorLine = run.error.line;
  }
  if (run.failedAtOffset !== undefined) {
    verdict.failedAtOffset = run.failedAtOffset;
    if (run.failedAtOffset > 0) verdict.failedIn = locateTarOffset(archive.members, run.failedAtOffset);
  }
  if (run.failedMember !== undefined) verdict.failedMember = run.failedMember;
  return verdict;
}
