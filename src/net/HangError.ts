/**
 * The modelled client would block forever: it is waiting for bytes (or for the end of the
 * connection) that the server never sends. The real device hangs (mip has no timeout); the
 * runner turns this into a `timeout` outcome.
 *
 * @example
 * throw new HangError('https://micropython.org/pi/v2/package/6/x/latest.json', 'body');
 */
export class HangError extends Error {
  constructor(
    readonly url: string,
    /** What the client was reading when it blocked. */
    readonly during: 'status line' | 'headers' | 'body',
  ) {
    super(`the client blocks forever reading the ${during} of ${url}: the server keeps the connection open`);
    this.name = 'HangError';
  }
}
