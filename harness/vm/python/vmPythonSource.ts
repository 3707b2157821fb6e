import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

/**
 * The text of `harness/vm/python/<name>.py`: the Python the vm backend runs in a MicroPython VM
 * (its socket and TLS modules, set-up and the step wrapper). Shipped next to this file.
 *
 * @example
 * vmPythonSource('vm_socket'); // "# `socket` (and `usocket`) for the MicroPython VM…"
 */
export function vmPythonSource(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./${name}.py`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return text;
}
