/**
 * The real unix-port binaries a test run may use, and nothing else: they come only from
 * `MIPRIG_MICROPYTHON` (colon- or comma-separated paths, see `binariesFromEnv`), and each is
 * identified by running it once (`probeBinary`). A test that needs a binary of some version skips
 * itself when none was given, with the reason in its name:
 *
 * @example
 * const bin = binaryFor('1.27.0');
 * it.skipIf(!bin)(`pool formula${skipNote('1.27.0')}`, () => { spawnSync(bin!.path, …) });
 *
 * A path in `MIPRIG_MICROPYTHON` that is not a working MicroPython unix binary is a configuration
 * error: importing this module then fails loudly (every test file using it fails to load, naming
 * the path), rather than its tests being skipped.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { binariesFromEnv, probeBinary, type BinaryInfo } from '../../harness/unix/MicropythonBinary.ts';

export type { BinaryInfo };

/** The paths in `MIPRIG_MICROPYTHON`, as given (possibly relative), in order. */
export const binaryPaths: readonly string[] = binariesFromEnv();

/** Every binary from `MIPRIG_MICROPYTHON`, probed, in the order given. */
export const allBinaries: readonly BinaryInfo[] = await Promise.all(binaryPaths.map((p) => probeBinary(p)));

/**
 * Probed binaries by version (`1.27.0`). When several binaries report the same version, the first
 * one listed in `MIPRIG_MICROPYTHON` wins; the others are still in `allBinaries`.
 */
export const binaries: ReadonlyMap<string, BinaryInfo> = (() => {
  const byVersion = new Map<string, BinaryInfo>();
  for (const info of allBinaries) if (!byVersion.has(info.version)) byVersion.set(info.version, info);
  return byVersion;
})();

/** The binary of exactly this version (`1.19.1`), or undefined when `MIPRIG_MICROPYTHON` names none. */
export function binaryFor(version: string): BinaryInfo | undefined {
  return binaries.get(version);
}

/**
 * The `mpy-cross` matching `version`: the file `mpy-cross` in the directory of that version's
 * binary. Undefined when there is no such binary or no `mpy-cross` next to it.
 */
export function mpyCrossFor(version: string): string | undefined {
  const bin = binaryFor(version);
  if (!bin) return undefined;
  const cross = join(dirname(bin.path), 'mpy-cross');
  return existsSync(cross) ? cross : undefined;
}

/**
 * Why a test needing the `version` binary (and, with `mpyCross`, its `mpy-cross`) is skipped, as a
 * suffix for the test's name: ` (skipped: needs MIPRIG_MICROPYTHON with a 1.19.1 binary)`. The
 * empty string when what it needs is there, so a test that runs keeps its plain name.
 */
export function skipNote(version: string, options: { mpyCross?: boolean } = {}): string {
  if (!binaryFor(version)) return ` (skipped: needs MIPRIG_MICROPYTHON with a ${version} binary)`;
  if (options.mpyCross && !mpyCrossFor(version)) {
    return ` (skipped: needs mpy-cross next to the ${version} binary, ${join(dirname(binaryFor(version)!.path), 'mpy-cross')})`;
  }
  return '';
}

/** Suffix for tests that need any real binary at all: the skip reason, or '' when one is given. */
export const NEEDS_ANY_BINARY: string = binaryPaths.length === 0 ? ' (skipped: needs MIPRIG_MICROPYTHON)' : '';
