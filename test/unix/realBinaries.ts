import { NEEDS_ANY_BINARY, binaryPaths } from '../support/realBinaries.ts';

/**
 * Real unix-port binaries from MIPRIG_MICROPYTHON (paths as given); tests needing one are skipped
 * when it is empty. Shared with the rest of the suite through test/support/realBinaries.ts, which
 * also probes them (a path that is not a working binary makes these test files fail to load).
 */
export const realBinaries: string[] = [...binaryPaths];

/** Appended to the names of tests that need a real binary, so a skip says why. */
export const NEEDS_BINARY = NEEDS_ANY_BINARY;
