/**
 * CPython's `zlib.decompress(data, 16 + 15)` as micropip calls it: one gzip member decoded in
 * memory with a 32 KiB window, trailing bytes ignored, failures raised as `zlib.error` with
 * zlib's own texts (`Error -3 while decompressing data: incorrect header check`,
 * `Error -5 while decompressing data: incomplete or truncated stream`).
 *
 * Decoding is the repo's bounded inflater; only the error texts are mapped to zlib's (the exact
 * zlib message for corrupt deflate data is chosen from the failure, not computed by zlib).
 */
import { PyException } from '../py/PyException.ts';
import { inflateBounded, type InflateFailure } from '../archive/boundedInflate.ts';

/**
 * @example
 * cpythonGzipDecompress(tgz) // the tar bytes
 * cpythonGzipDecompress(wheelZip) // throws zlib.error: Error -3 while decompressing data: incorrect header check
 */
export function cpythonGzipDecompress(data: Uint8Array): Uint8Array {
  const r = inflateBounded(data, { format: 'gzip', windowBits: 15, verifyIsize: true });
  if (r.ok && !r.referencesBeforeStart) return r.output;
  if (r.ok) throw zlibError(-3, 'invalid distance too far back');
  throw fromFailure(r.failure!, r.trailer?.computed !== undefined && r.trailer.computed === r.trailer.crc32);
}

function zlibError(code: number, text: string): PyException {
  return new PyException('zlib.error', `Error ${code} while decompressing data: ${text}`);
}

function fromFailure(f: InflateFailure, crcMatched: boolean): PyException {
  const m = f.message;
  switch (f.kind) {
    case 'eof':
      return zlibError(-5, 'incomplete or truncated stream');
    case 'header':
      if (/method/.test(m)) return zlibError(-3, 'unknown compression method');
      if (/flags/.test(m)) return zlibError(-3, 'unknown header flags set');
      return zlibError(-3, 'incorrect header check');
    case 'window':
      return zlibError(-3, 'invalid distance too far back');
    case 'checksum':
      return zlibError(-3, crcMatched ? 'incorrect length check' : 'incorrect data check');
    case 'data':
      if (/stored block length/.test(m)) return zlibError(-3, 'invalid stored block lengths');
      if (/block type/.test(m)) return zlibError(-3, 'invalid block type');
      if (/code length/.test(m)) return zlibError(-3, 'invalid code lengths set');
      if (/distance/.test(m)) return zlibError(-3, 'invalid distance code');
      if (/literal\/length/.test(m)) return zlibError(-3, 'invalid literal/length code');
      return zlibError(-3, 'invalid data');
  }
}
