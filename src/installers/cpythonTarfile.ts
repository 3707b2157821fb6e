/**
 * The part of CPython's `tarfile` micropip relies on: `TarFile(fileobj=…)` over a decompressed
 * tar, iteration, `.name`, `.type`, `extractfile(info).read()`. Header rules follow
 * `TarInfo.frombuf`: checksum checked (`bad checksum`), name/linkname cut at the first NUL, size
 * octal (space- or NUL-terminated) or base-256, ustar `prefix` joined, pax (`x`/`g`: `path`,
 * `size`) and GNU long names (`L`) applied to the next member, a pre-POSIX regular file whose name
 * ends `/` is a directory, directory names lose their trailing `/`. A zero block, end of data or a
 * bad header after the first member ends iteration; at the first member they raise `ReadError`.
 *
 * Not modelled: sparse files, links (their `extractfile()` would resolve the target; here it is
 * `None`, as for devices and FIFOs), encodings other than UTF-8.
 */
import { PyException } from '../py/PyException.ts';

export const DIRTYPE = '5';
const REGULAR_TYPES = ['0', '\0', '7'];

/** One member: `.name`, `.type` (typeflag character), and where its data lies. */
export interface CpythonTarInfo {
  name: string;
  type: string;
  size: number;
  offset: number;
}

function readError(text: string): PyException {
  return new PyException('tarfile.ReadError', text);
}

function nts(b: Uint8Array): string {
  const nul = b.indexOf(0);
  return Buffer.from(nul >= 0 ? b.subarray(0, nul) : b).toString('utf8');
}

function nti(b: Uint8Array): number {
  if (b[0] === 0o200 || b[0] === 0o377) {
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i]!;
    return b[0] === 0o377 ? n - 256 ** (b.length - 1) : n;
  }
  const text = nts(b).trim() || '0';
  if (!/^[0-7]+$/.test(text)) throw new PyException('tarfile.InvalidHeaderError', 'invalid header');
  return parseInt(text, 8);
}

function checksumOk(buf: Uint8Array): boolean {
  let stored: number;
  try {
    stored = nti(buf.subarray(148, 156));
  } catch {
    return false;
  }
  let unsigned = 256;
  let signed = 256;
  for (let i = 0; i < 512; i++) {
    if (i >= 148 && i < 156) continue;
    unsigned += buf[i]!;
    signed += buf[i]! > 127 ? buf[i]! - 256 : buf[i]!;
  }
  return stored === unsigned || stored === signed;
}

function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = Buffer.from(data).toString('utf8');
  let pos = 0;
  while (pos < text.length) {
    const m = /^(\d+) ([^=]+)=/.exec(text.slice(pos));
    if (!m) break;
    const len = Number(m[1]);
    out.set(m[2]!, text.slice(pos + m[0].length, pos + len - 1));
    pos += len;
  }
  return out;
}

/**
 * @example
 * const tar = new CpythonTarFile(tarBytes);
 * for (const info of tar.members()) if (info.type !== DIRTYPE) write(info.name, tar.extractfile(info).read());
 */
export class CpythonTarFile {
  private readonly list: CpythonTarInfo[] = [];

  /** Reads every header now, as iteration would; raises ReadError for a bad first header. */
  constructor(private readonly data: Uint8Array) {
    let offset = 0;
    let globalPax = new Map<string, string>();
    let nextPax = new Map<string, string>();
    let longName: string | undefined;
    for (;;) {
      const first = this.list.length === 0 && offset === 0;
      const buf = data.subarray(offset, offset + 512);
      if (buf.length === 0) {
        if (first) throw readError('empty file');
        break;
      }
      if (buf.length < 512) {
        if (first) throw readError('truncated header');
        break;
      }
      if (buf.every((b) => b === 0)) break;
      if (!checksumOk(buf)) {
        if (first) throw readError('bad checksum');
        break;
      }
      let type = String.fromCharCode(buf[156]!);
      let name = nts(buf.subarray(0, 100));
      let size = nti(buf.subarray(124, 136));
      const dataOffset = offset + 512;
      const block = Math.ceil(size / 512) * 512;
      if (type === 'x' || type === 'g' || type === 'L') {
        const body = data.subarray(dataOffset, dataOffset + size);
        if (type === 'x') nextPax = parsePax(body);
        else if (type === 'g') globalPax = new Map([...globalPax, ...parsePax(body)]);
        else longName = nts(body);
        offset = dataOffset + block;
        continue;
      }
      if (type === '\0' && name.endsWith('/')) type = DIRTYPE;
      const prefix = nts(buf.subarray(345, 500));
      if (type === DIRTYPE) name = name.replace(/\/+$/, '');
      if (prefix) name = `${prefix}/${name}`;
      const pax = new Map([...globalPax, ...nextPax]);
      if (longName !== undefined) name = type === DIRTYPE ? longName.replace(/\/+$/, '') : longName;
      if (pax.has('path')) name = pax.get('path')!;
      if (pax.has('size')) size = Number(pax.get('size'));
      nextPax = new Map();
      longName = undefined;
      this.list.push({ name, type, size, offset: dataOffset });
      const hasData = REGULAR_TYPES.includes(type) || !'0123456'.includes(type);
      offset = dataOffset + (hasData ? Math.ceil(size / 512) * 512 : 0);
    }
  }

  members(): readonly CpythonTarInfo[] {
    return this.list;
  }

  /** `extractfile(info)`: a reader for regular files; `None` for anything else (links included). */
  extractfile(info: CpythonTarInfo): { read(): Uint8Array } | null {
    if (!REGULAR_TYPES.includes(info.type)) return null;
    const data = this.data;
    return {
      read(): Uint8Array {
        if (info.offset + info.size > data.length) throw readError('unexpected end of data');
        return data.slice(info.offset, info.offset + info.size);
      },
    };
  }
}
