/**
 * A backend that cannot be set up from what the user gave (a path that is no binary, an
 * `MIPRIG_MPY_CROSS` naming no executable): the CLI prints its message as one line and exits 2.
 *
 * @example
 * throw new BackendSetupError('/opt/mp/micropython: no such file; pass the path of a micropython binary');
 */
export class BackendSetupError extends Error {
  override name = 'BackendSetupError';
}
