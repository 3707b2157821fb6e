import { pythonFiles } from '../../pythonFiles.ts';

/**
 * The text of `harness/vm/python/<name>.py`: the Python the vm backend runs in a MicroPython VM
 * (its socket and TLS modules, set-up and the step wrapper).
 *
 * @example
 * vmPythonSource('vm_socket'); // "# `socket` (and `usocket`) for the MicroPython VM…"
 */
export const vmPythonSource: (name: string) => string = pythonFiles(import.meta.url);
