/**
 * A Python exception raised by a modelled installer or runtime, printed the way MicroPython
 * prints its last traceback line: `ValueError: syntax error in JSON`, `OSError: [Errno 2] ENOENT`,
 * or just `AssertionError` when the text is empty.
 *
 * @example
 * throw new PyException('OSError', '[Errno 30] EROFS');
 */
export class PyException extends Error {
  constructor(
    readonly type: string,
    readonly text: string = '',
    /** errno for OSError, when it has one. */
    readonly errno?: number,
  ) {
    // A Python-level exception is the model's control flow (thousands per large run), not a fault
    // of miprig's: its JavaScript stack says nothing and cost 0.09 s of a 1 000-scenario run.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(text === '' ? type : `${type}: ${text}`);
    Error.stackTraceLimit = limit;
    this.name = 'PyException';
  }

  /**
   * The exception a traceback's last line names (`ImportError: no module named 'x'`), e.g. to
   * raise again what an import reported.
   *
   * @example
   * PyException.fromLine("ImportError: no module named 'x'").type; // 'ImportError'
   */
  static fromLine(line: string): PyException {
    const colon = line.indexOf(': ');
    return colon > 0 ? new PyException(line.slice(0, colon), line.slice(colon + 2)) : new PyException(line);
  }

  /** The last line of a MicroPython traceback for this exception. */
  get line(): string {
    return this.text === '' ? this.type : `${this.type}: ${this.text}`;
  }
}

/** MicroPython's errno names (py/mperrno.h) for the codes a filesystem raises. */
const ERRNO_NAMES: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 5: 'EIO', 9: 'EBADF', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES', 17: 'EEXIST',
  19: 'ENODEV', 20: 'ENOTDIR', 21: 'EISDIR', 22: 'EINVAL', 28: 'ENOSPC', 30: 'EROFS', 95: 'EOPNOTSUPP',
  103: 'ECONNABORTED', 104: 'ECONNRESET', 110: 'ETIMEDOUT', 111: 'ECONNREFUSED', 113: 'EHOSTUNREACH',
};

/** `OSError(errno)` as MicroPython formats it: `[Errno 2] ENOENT`. */
export function osError(errno: number): PyException {
  const name = ERRNO_NAMES[errno];
  return new PyException('OSError', name ? `[Errno ${errno}] ${name}` : String(errno), errno);
}
