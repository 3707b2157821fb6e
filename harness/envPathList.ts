/**
 * The paths an environment variable names, colon- or comma-separated (as PATH is, and a comma
 * for shells where `:` is awkward), blanks dropped; [] when it is unset. One syntax for every
 * `MIPRIG_*` list (binaries, mpremotes).
 *
 * @example
 * envPathList('MIPRIG_MICROPYTHON', { MIPRIG_MICROPYTHON: '/a/micropython:/b/micropython' }); // ['/a/micropython', '/b/micropython']
 */
export function envPathList(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[name] ?? '')
    .split(/[:,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
