import type { ImportOrigin } from '../../src/device/Device.ts';

/** The one-word-or-path form used in expectations and reports for where an import came from. */
export function describeImport(origin: ImportOrigin, cwd = '/'): string {
  switch (origin.kind) {
    case 'builtin':
      return 'builtin';
    case 'frozen':
      return 'frozen';
    case 'namespace':
      return 'namespace';
    case 'file':
      // A file found through the '' entry has a relative __file__; report it as a device path.
      return origin.file.startsWith('/') ? origin.file : `${cwd === '/' ? '' : cwd}/${origin.file}`;
    case 'error':
      return origin.line;
  }
}
