import { pythonFiles } from '../../pythonFiles.ts';

/**
 * The text of `harness/unix/python/<name>.py`: Python the harness runs on a real binary (the
 * fallback launcher, probes, step code), kept in `.py` files so it can be read, linted and run
 * on a binary by itself.
 *
 * @example
 * pythonSource('syspath_edit'); // "# A scenario's `syspath` step…"
 */
export const pythonSource: (name: string) => string = pythonFiles(import.meta.url);
