import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

/**
 * The text of `harness/unix/python/<name>.py`: Python the harness runs on a real binary (the
 * fallback launcher, probes, step code) lives in `.py` files next to this one, so it can be read,
 * linted and run on a binary by itself. They ship with the package (dist/harness/unix/python/).
 *
 * @example
 * pythonSource('syspath_edit'); // "import sys\n…"
 */
export function pythonSource(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./${name}.py`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return text;
}
