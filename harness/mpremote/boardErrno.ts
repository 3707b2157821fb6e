/**
 * The webassembly port's file system is Emscripten's, so an `OSError` it raises carries
 * Emscripten's errno (ENOENT is 44) where a board raises MicroPython's (`py/mperrno.h`, ENOENT 2).
 * The VM has no name for those numbers and prints them bare (`OSError: 44`), which mpremote cannot
 * read: `_convert_filesystem_error` looks for an errno name, then maps a bare number through
 * MicroPython's table, so `fs_exists` on a missing folder raised instead of answering False.
 * Measured on @micropython/micropython-webassembly-pyscript 1.27.0: `open('/nope')` → `OSError: 44`,
 * `os.mkdir` of an existing folder → `OSError: 20`, `open(dir, 'w')` → `OSError: 31`,
 * `os.listdir(file)` → `OSError: 54`; errors raised by MicroPython's own VFS layer are already
 * MicroPython's and named (`os.rmdir('/')` → `OSError: [Errno 1] EPERM`), so only bare numbers
 * are translated.
 */
const EMSCRIPTEN_TO_MICROPYTHON: Record<number, number> = {
  63: 1, // EPERM
  44: 2, // ENOENT
  29: 5, // EIO
  8: 9, // EBADF
  6: 11, // EAGAIN
  48: 12, // ENOMEM
  2: 13, // EACCES
  10: 16, // EBUSY
  20: 17, // EEXIST
  75: 18, // EXDEV
  43: 19, // ENODEV
  54: 20, // ENOTDIR
  31: 21, // EISDIR
  28: 22, // EINVAL
  33: 24, // EMFILE
  22: 27, // EFBIG
  51: 28, // ENOSPC
  69: 30, // EROFS
  37: 36, // ENAMETOOLONG
  55: 39, // ENOTEMPTY
};

/** The names a stock board prints (py/mperrno.c with MICROPY_PY_ERRNO_ERRORCODE). */
const MICROPYTHON_NAMES: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 5: 'EIO', 9: 'EBADF', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES', 17: 'EEXIST',
  19: 'ENODEV', 21: 'EISDIR', 22: 'EINVAL',
};

/**
 * A traceback's bare `OSError: <Emscripten errno>` lines as a board would print them.
 *
 * @example
 * boardErrnoText('Traceback …\nOSError: 44\n'); // 'Traceback …\nOSError: [Errno 2] ENOENT\n'
 */
export function boardErrnoText(traceback: string): string {
  return traceback.replace(/^OSError: (\d+)$/gm, (line, n: string) => {
    const mp = EMSCRIPTEN_TO_MICROPYTHON[Number(n)];
    if (mp === undefined) return line;
    const name = MICROPYTHON_NAMES[mp];
    return name ? `OSError: [Errno ${mp}] ${name}` : `OSError: ${mp}`;
  });
}
