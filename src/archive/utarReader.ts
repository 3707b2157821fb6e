/**
 * A faithful model of MicroPython's `upip_utarfile` (frozen in the unix/esp32/esp8266 firmware
 * v1.12 → v1.19.1, micropython-lib upip 1.2.2+), reading from a decompressor stream:
 *
 * ```python
 * TAR_HEADER = {"name": (ARRAY | 0, UINT8 | 100), "size": (ARRAY | 124, UINT8 | 11)}
 * def next(self):
 *     if self.subf: self.subf.skip()          # rest of the member, 16 bytes per readinto
 *     buf = self.f.read(512)
 *     if not buf: return None
 *     h = uctypes.struct(uctypes.addressof(buf), TAR_HEADER, uctypes.LITTLE_ENDIAN)
 *     if h.name[0] == 0: return None
 *     d.name = str(h.name, "utf-8").rstrip("\0")
 *     d.size = int(bytes(h.size), 8)
 *     d.type = [REGTYPE, DIRTYPE][d.name[-1] == "/"]
 * ```
 *
 * The typeflag is never read: pax headers, symlinks and GNU long names are "files". The size is
 * the 11 digit bytes only, so NUL- and space-terminated headers both work — except in the older
 * variants kept for micropython#3339 (see `UtarVariant`).
 */
import { PyException } from '../py/PyException.ts';
import { parseMicroPythonInt, type ErrorReporting } from '../py/int.ts';

/** Where the reader pulls decompressed bytes from: `read(n)` returns ≤ n bytes, b'' at the end, or throws. */
export interface TarByteSource {
  read(n: number): Uint8Array;
}

/**
 * - `upip` (default): firmware `upip_utarfile` v1.12–v1.19.1 (micropython-lib upip ≥ 1.2.2, Sep 2017):
 *   size = 11 bytes `int(bytes(h.size), 8)`, name `rstrip("\0")`.
 * - `upip-1.2.1`: the code before that fix, on a MicroPython whose `str.rstrip()` no longer strips
 *   NUL (the state of micropython#3339): size = 12 bytes `.rstrip()`, name `.rstrip()` (whitespace
 *   only) → `ValueError: invalid syntax for integer with base 8: '00000001155\x00'` on CPython
 *   (NUL-terminated) tars; tar-stream's space-terminated ones parse but names keep their NULs.
 * - `utarfile-0.4.0`: micropython-lib utarfile 0.4.0 (2023, micropython-lib#684): size = 12 bytes,
 *   no strip → fails on NUL *and* on `' \0'`, works on a bare trailing space.
 */
export type UtarVariant = 'upip' | 'upip-1.2.1' | 'utarfile-0.4.0';

export interface UtarOptions {
  variant?: UtarVariant;
  /** How the port formats ValueError text (unix: detailed; esp32/esp8266: normal). */
  errorReporting?: ErrorReporting;
}

export const REGTYPE = 'file';
export const DIRTYPE = 'dir';

/** One member, as `TarInfo` — plus where it sits in the decompressed stream. */
export interface UtarInfo {
  name: string;
  size: number;
  type: typeof REGTYPE | typeof DIRTYPE;
  /** Offset of the 512-byte header in the decompressed tar stream. */
  headerOffset: number;
  /** Offset of the first content byte (headerOffset + 512). */
  dataOffset: number;
}

/** `FileSection`: the member's content, read through the same stream. */
export class UtarFileSection {
  private contentLeft: number;
  private readonly align: number;

  constructor(
    private readonly reader: UtarReader,
    contentLength: number,
  ) {
    this.contentLeft = contentLength;
    this.align = roundup(contentLength, 512) - contentLength;
  }

  /** `read(sz=65536)`: up to `sz` bytes of content (b'' when done). */
  read(sz = 65536): Uint8Array {
    if (this.contentLeft === 0) return new Uint8Array(0);
    const data = this.reader.pull(Math.min(sz, this.contentLeft));
    this.contentLeft -= data.length;
    return data;
  }

  /** `readinto(buf)` with a buffer of `bufferSize` bytes: the bytes that land in it (upip uses 512). */
  readinto(bufferSize: number): Uint8Array {
    if (this.contentLeft === 0) return new Uint8Array(0);
    const data = this.reader.pull(Math.min(bufferSize, this.contentLeft));
    this.contentLeft -= data.length;
    return data;
  }

  /** `skip()`: consume the rest of the content and the padding, 16 bytes per read. */
  skip(): void {
    let sz = this.contentLeft + this.align;
    while (sz > 0) {
      const s = Math.min(sz, 16);
      this.reader.pull(s);
      sz -= s;
    }
    this.contentLeft = 0;
  }
}

/**
 * @example
 * const tar = new UtarReader(new InflateStream(inflateBounded(tgz, { format: 'gzip', windowBits: 12 })));
 * for (let info = tar.next(); info; info = tar.next()) {
 *   if (info.type === 'file') writeFile(info.name, tar.extractfile(info).read());
 * }
 */
export class UtarReader {
  private subf: UtarFileSection | undefined;
  private readonly sections = new Map<UtarInfo, UtarFileSection>();
  private offset = 0;
  private readonly variant: UtarVariant;
  private readonly reporting: ErrorReporting;

  constructor(
    private readonly source: TarByteSource,
    opts: UtarOptions = {},
  ) {
    this.variant = opts.variant ?? 'upip';
    this.reporting = opts.errorReporting ?? 'detailed';
  }

  /** Bytes consumed from the source so far. */
  get position(): number {
    return this.offset;
  }

  /** @internal read for sections; keeps the offset. */
  pull(n: number): Uint8Array {
    const data = this.source.read(n);
    this.offset += data.length;
    return data;
  }

  /** The next member, or `undefined` at the end (empty read or a header starting with NUL). Throws PyException. */
  next(): UtarInfo | undefined {
    if (this.subf) this.subf.skip();
    const headerOffset = this.offset;
    const got = this.pull(512);
    if (got.length === 0) return undefined;
    // A short last read: uctypes reads past the buffer; model the missing bytes as zeros.
    const buf = got.length === 512 ? got : padTo512(got);
    if (buf[0] === 0) return undefined;

    const rawName = buf.subarray(0, 100);
    const name = this.decodeName(rawName);
    const size = this.parseSize(buf);
    const info: UtarInfo = {
      name,
      size,
      type: name.endsWith('/') ? DIRTYPE : REGTYPE,
      headerOffset,
      dataOffset: headerOffset + 512,
    };
    this.subf = new UtarFileSection(this, size);
    this.sections.set(info, this.subf);
    return info;
  }

  /** `extractfile(info)`: the member's `FileSection`. */
  extractfile(info: UtarInfo): UtarFileSection {
    const section = this.sections.get(info);
    if (!section) throw new Error(`extractfile: ${JSON.stringify(info.name)} was not returned by this reader's next()`);
    return section;
  }

  private decodeName(raw: Uint8Array): string {
    let text: string;
    try {
      // str(h.name, "utf-8") validates UTF-8 (MICROPY_PY_BUILTINS_STR_UNICODE_CHECK) → UnicodeError.
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new PyException('UnicodeError');
    }
    return this.variant === 'upip-1.2.1' ? text.replace(/[ \t\n\v\f\r]+$/, '') : text.replace(/\0+$/, '');
  }

  private parseSize(buf: Uint8Array): number {
    if (this.variant === 'upip') return parseMicroPythonInt(buf.subarray(124, 135), 8, this.reporting);
    let field = buf.subarray(124, 136);
    if (this.variant === 'upip-1.2.1') {
      let end = field.length;
      while (end > 0 && (field[end - 1] === 0x20 || (field[end - 1]! >= 0x09 && field[end - 1]! <= 0x0d))) end--;
      field = field.subarray(0, end);
    }
    return parseMicroPythonInt(field, 8, this.reporting);
  }
}

function roundup(val: number, align: number): number {
  return Math.ceil(val / align) * align;
}

function padTo512(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(512);
  out.set(bytes);
  return out;
}

/**
 * A `TarByteSource` over bytes already in memory (a plain `.tar`, or a fully decoded one).
 *
 * @example
 * new UtarReader(bytesSource(tarBytes)).next()?.name
 */
export function bytesSource(bytes: Uint8Array): TarByteSource {
  let pos = 0;
  return {
    read(n: number): Uint8Array {
      const chunk = bytes.subarray(pos, Math.min(bytes.length, pos + n));
      pos += chunk.length;
      return chunk;
    },
  };
}
