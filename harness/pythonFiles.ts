import { readFileSync } from 'node:fs';

/**
 * A reader of the `.py` files in one folder (the Python the harness runs on a binary or a VM),
 * each read once: `pythonFiles(import.meta.url)` next to the files. They ship with the package,
 * beside the compiled reader (dist/) and the bundle (dist/cli/).
 *
 * @example
 * export const pythonSource = pythonFiles(import.meta.url);
 * pythonSource('syspath_edit'); // "# A scenario's `syspath` step…"
 */
export function pythonFiles(base: string): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let text = cache.get(name);
    if (text === undefined) {
      text = readFileSync(new URL(`./${name}.py`, base), 'utf8');
      cache.set(name, text);
    }
    return text;
  };
}
