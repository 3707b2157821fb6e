import { binariesFromEnv } from '../../harness/unix/MicropythonBinary.ts';

/** Real unix-port binaries from MIPRIG_MICROPYTHON; tests needing one are skipped when it is empty. */
export const realBinaries = binariesFromEnv();

/** Appended to the names of tests that need a real binary, so a skip says why. */
export const NEEDS_BINARY = realBinaries.length === 0 ? ' (skipped: needs MIPRIG_MICROPYTHON)' : '';
