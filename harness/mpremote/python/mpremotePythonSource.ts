import { pythonFiles } from '../../pythonFiles.ts';

/**
 * The text of `harness/mpremote/python/<name>.py`: the pseudo-terminal bridge real mpremote
 * connects to (run by CPython).
 *
 * @example
 * mpremotePythonSource('pty_bridge'); // "# A pseudo-terminal for real mpremote…"
 */
export const mpremotePythonSource: (name: string) => string = pythonFiles(import.meta.url);
