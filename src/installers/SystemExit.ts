/**
 * `sys.exit(code)` inside a modelled installer. Not a `PyException`: `SystemExit` is a
 * `BaseException`, so `except Exception` blocks let it through, and the unix port exits with
 * the code without printing a traceback.
 *
 * @example
 * throw new SystemExit(1); // upip's fatal(): "Error: …" was printed first
 */
export class SystemExit extends Error {
  constructor(readonly code: number) {
    super(`SystemExit(${code})`);
    this.name = 'SystemExit';
  }
}
