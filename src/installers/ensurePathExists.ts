import type { Device } from '../device/Device.ts';
import { PyException } from '../py/PyException.ts';

/**
 * `_ensure_path_exists(path)` — `os.makedirs(os.path.dirname(path))` as mip writes it, and as
 * mpremote's mip.py (ported from it) does over the raw REPL: stat each parent, and on any error
 * mkdir it (mkdir's own errors propagate). An empty path fails on `split[0] = …` with the
 * IndexError both Pythons raise.
 *
 * @example
 * ensurePathExists(device, '/lib/pkg/a.py'); // stat/mkdir '/lib', then '/lib/pkg'
 */
export function ensurePathExists(device: Device, path: string): void {
  const split = path.split('/');
  if (!split[0]) {
    split.shift();
    if (split.length === 0) throw new PyException('IndexError', 'list assignment index out of range');
    split[0] = '/' + split[0];
  }
  let prefix = '';
  for (let i = 0; i < split.length - 1; i++) {
    prefix += split[i];
    try {
      device.fs.stat(prefix);
    } catch {
      device.fs.mkdir(prefix);
    }
    prefix += '/';
  }
}
