/**
 * Everything worth knowing about a package archive from reading it alone: what it is, the gzip
 * header, the members (and which of them upip's rules skip), the window its deflate stream needs.
 * What upip actually does with it is found by running upip's loop on a device, a layer up
 * (src/installers/inspectPackage.ts). Plain data; formatting is the CLI's job.
 */
import { scanMaxDistance } from './boundedInflate.ts';
import { GZIP_FLAG } from './gzipHeader.ts';
import { upipSkips, upipStripTopDir } from './upipTarRules.ts';
import { bytesSource, UtarReader } from './utarReader.ts';

export type ArchiveKind = 'gzip' | 'zip' | 'zlib' | 'tar' | 'empty' | 'unknown';

/** A problem with the container itself. */
export interface ArchiveProblem {
  kind: 'not-gzip' | 'truncated' | 'corrupt' | 'checksum' | 'empty';
  message: string;
}

export interface InspectMember {
  name: string;
  size: number;
  type: 'file' | 'dir';
  /** Offset of its 512-byte header in the decompressed tar. */
  headerOffset: number;
  /** What upip's rules make of it: write it, skip it, or (dir) nothing. */
  upip: 'extract' | 'skip' | 'dir';
}

/** Where an offset of the decompressed tar falls: a member's header, data or padding, or past the last member. */
export type TarLocation = { member: string; part: 'header' | 'data' | 'padding' } | { member?: undefined; part: 'end-of-archive' };

export interface ArchiveReport {
  size: number;
  kind: ArchiveKind;
  problem?: ArchiveProblem;
  gzip?: {
    method: number;
    flags: number;
    flagNames: string[];
    mtime: number;
    xfl: number;
    os: number;
    osName: string;
    originalName?: string;
    comment?: string;
    dataOffset: number;
  };
  /** Decompressed (tar) size; for a failed stream, what was decoded before the failure. */
  uncompressedSize: number;
  /** gzip CRC-32 verified (false when it mismatched or the trailer was never reached). */
  crcOk: boolean;
  trailingBytes: number;
  maxDistance: number;
  /** Smallest power of two ≥ maxDistance, at least 256. */
  neededWindow: number;
  neededWindowBits: number;
  members: InspectMember[];
  /** Why listing the members stopped early (a tar header upip's reader rejects). */
  memberError?: string;
}

const OS_NAMES: Record<number, string> = {
  0: 'FAT (MS-DOS)', 1: 'Amiga', 2: 'VMS', 3: 'Unix', 4: 'VM/CMS', 5: 'Atari TOS', 6: 'HPFS', 7: 'Macintosh',
  8: 'Z-System', 9: 'CP/M', 10: 'TOPS-20', 11: 'NTFS', 12: 'QDOS', 13: 'Acorn RISCOS', 255: 'unknown',
};

/**
 * Read an archive: container, gzip header, window needed, members as upip's tar reader lists them
 * from whatever decodes with the largest window.
 *
 * @example
 * const report = inspectArchive(tgz);
 * report.neededWindow // 32768 for a CPython-made sdist
 * report.members[0]   // { name: 'foo-1.0/', size: 0, type: 'dir', headerOffset: 0, upip: 'dir' }
 */
export function inspectArchive(bytes: Uint8Array): ArchiveReport {
  const kind = sniffKind(bytes);
  const report: ArchiveReport = {
    size: bytes.length,
    kind,
    uncompressedSize: 0,
    crcOk: false,
    trailingBytes: 0,
    maxDistance: 0,
    neededWindow: 256,
    neededWindowBits: 8,
    members: [],
  };
  if (kind !== 'gzip') {
    report.problem = notGzipProblem(kind, bytes);
    return report;
  }

  const scan = scanMaxDistance(bytes, 'gzip');
  const r = scan.result;
  if (r.gzipHeader) {
    const h = r.gzipHeader;
    report.gzip = {
      method: h.method,
      flags: h.flags,
      flagNames: (Object.keys(GZIP_FLAG) as (keyof typeof GZIP_FLAG)[]).filter((k) => h.flags & GZIP_FLAG[k]),
      mtime: h.mtime,
      xfl: h.xfl,
      os: h.os,
      osName: OS_NAMES[h.os] ?? `unknown (${h.os})`,
      dataOffset: h.dataOffset,
    };
    if (h.name !== undefined) report.gzip.originalName = h.name;
    if (h.comment !== undefined) report.gzip.comment = h.comment;
  }
  report.uncompressedSize = r.output.length;
  report.crcOk = r.ok;
  report.trailingBytes = r.trailingBytes;
  report.maxDistance = scan.maxDistance;
  report.neededWindow = scan.neededWindow;
  report.neededWindowBits = scan.neededWindowBits;
  if (r.failure) {
    const f = r.failure;
    const kindMap = { eof: 'truncated', checksum: 'checksum', header: 'not-gzip', data: 'corrupt', window: 'corrupt' } as const;
    report.problem = {
      kind: kindMap[f.kind],
      message: `${f.message} (after ${f.outputOffset} decompressed bytes, input byte ${f.inputOffset} of ${bytes.length})`,
    };
  }

  // List members the way upip's reader sees them, over whatever decoded.
  const tar = new UtarReader(bytesSource(r.output));
  try {
    for (let info = tar.next(); info; info = tar.next()) {
      const stripped = upipStripTopDir(info.name);
      report.members.push({
        name: info.name,
        size: info.size,
        type: info.type,
        headerOffset: info.headerOffset,
        upip: upipSkips(stripped) ? 'skip' : info.type === 'dir' ? 'dir' : 'extract',
      });
    }
  } catch (e) {
    report.memberError = e instanceof Error ? e.message : String(e);
  }
  return report;
}

/**
 * Which part of which member an offset of the decompressed tar falls in.
 *
 * @example
 * locateTarOffset(report.members, 9000) // { member: 'big-1.0/big_blob.bin', part: 'data' }
 */
export function locateTarOffset(members: readonly Pick<InspectMember, 'name' | 'headerOffset' | 'size'>[], offset: number): TarLocation {
  for (const m of members) {
    const dataStart = m.headerOffset + 512;
    const end = dataStart + Math.ceil(m.size / 512) * 512;
    if (offset < m.headerOffset || offset >= end) continue;
    const part = offset < dataStart ? 'header' : offset < dataStart + m.size ? 'data' : 'padding';
    return { member: m.name, part };
  }
  return { part: 'end-of-archive' };
}

function sniffKind(b: Uint8Array): ArchiveKind {
  if (b.length === 0) return 'empty';
  if (b[0] === 0x1f && (b.length === 1 || b[1] === 0x8b)) return 'gzip';
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6)) return 'zip';
  if (b.length >= 263 && String.fromCharCode(...b.subarray(257, 262)) === 'ustar') return 'tar';
  if (b.length >= 2 && (b[0]! & 0x0f) === 8 && b[0]! >> 4 <= 7 && (b[0]! * 256 + b[1]!) % 31 === 0) return 'zlib';
  return 'unknown';
}

function notGzipProblem(kind: ArchiveKind, bytes: Uint8Array): ArchiveProblem {
  const upip = "upip's uzlib.DecompIO(f, 31) would raise ValueError: compression header";
  switch (kind) {
    case 'empty':
      return { kind: 'empty', message: 'the archive is empty (0 bytes); DecompIO would raise EOFError' };
    case 'zip':
      return { kind: 'not-gzip', message: `this is a zip archive (a wheel?), not gzip; ${upip}` };
    case 'tar':
      return { kind: 'not-gzip', message: `this is an uncompressed tar, not gzip; ${upip}` };
    case 'zlib':
      return { kind: 'not-gzip', message: `this is a zlib stream, not gzip; ${upip}` };
    default: {
      const head = [...bytes.subarray(0, 4)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
      return { kind: 'not-gzip', message: `not a gzip file (starts with ${head}, gzip starts with 1f 8b); ${upip}` };
    }
  }
}
