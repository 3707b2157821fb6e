/**
 * Built-in (C) modules per port and version, and the two registration eras (py/objmodule.c,
 * py/builtinimport.c; extensible modules from v1.21.0):
 *
 * - v1.21+: plain names; each is either *non-extensible* (found before the filesystem, cannot be
 *   shadowed: `sys`, `gc`, `math`, `deflate`, …) or *extensible* (found only after the filesystem
 *   search failed, so a `json.py` on `sys.path` shadows it). `usys` and `u<extensible>` are aliases
 *   checked before the filesystem.
 * - v1.12–v1.20: most modules registered under u-names (`ujson`, `uos`, `usys` from v1.14); an
 *   exact registered name wins before the filesystem, and a missing `x` falls back to the built-in
 *   `ux` after the search ("weak link").
 *
 * The per-port sets are a reasonable common set for each port's generic board, not every board.
 */
import type { PortName } from '../scenario/schema.ts';
import { atLeast } from '../scenario/version.ts';
import type { Version } from '../scenario/version.ts';
import { namesAt } from './versionRange.ts';

interface CatalogEntry {
  /** Extensible in v1.21+ (`MP_REGISTER_EXTENSIBLE_MODULE`). */
  ext: boolean;
  /** Name registered in v1.12–v1.20: `'u'` = `u` + name; a string = that name; absent = plain name. */
  legacy?: string;
}

/** Every built-in this model knows, by modern name (v1.21+ spelling). */
const CATALOG: Record<string, CatalogEntry> = {
  // non-extensible
  builtins: { ext: false }, gc: { ext: false }, math: { ext: false }, cmath: { ext: false },
  micropython: { ext: false }, uctypes: { ext: false }, framebuf: { ext: false }, btree: { ext: false },
  termios: { ext: false }, ffi: { ext: false }, _thread: { ext: false }, network: { ext: false },
  esp: { ext: false }, esp32: { ext: false }, pyb: { ext: false }, stm: { ext: false }, samd: { ext: false },
  _rp2: { ext: false }, _onewire: { ext: false }, _webrepl: { ext: false }, lwip: { ext: false },
  js: { ext: false }, jsffi: { ext: false }, deflate: { ext: false }, vfs: { ext: false }, tls: { ext: false },
  sys: { ext: false, legacy: 'usys' },
  _asyncio: { ext: false, legacy: '_uasyncio' },
  // extensible (u-named before v1.21)
  array: { ext: true, legacy: 'u' }, binascii: { ext: true, legacy: 'u' }, bluetooth: { ext: true, legacy: 'u' },
  collections: { ext: true, legacy: 'u' }, cryptolib: { ext: true, legacy: 'u' }, errno: { ext: true, legacy: 'u' },
  hashlib: { ext: true, legacy: 'u' }, heapq: { ext: true, legacy: 'u' }, io: { ext: true, legacy: 'u' },
  json: { ext: true, legacy: 'u' }, machine: { ext: true, legacy: 'u' }, os: { ext: true, legacy: 'u' },
  platform: { ext: true, legacy: 'u' }, random: { ext: true, legacy: 'u' }, re: { ext: true, legacy: 'u' },
  select: { ext: true, legacy: 'u' }, socket: { ext: true, legacy: 'u' }, ssl: { ext: true, legacy: 'u' },
  struct: { ext: true, legacy: 'u' }, time: { ext: true, legacy: 'u' }, websocket: { ext: true, legacy: 'u' },
  // gone in v1.21 (only their u-names ever existed)
  zlib: { ext: true, legacy: 'u' }, timeq: { ext: true, legacy: 'u' },
};

/** Modules every port has (generic boards), with the versions they exist in. */
const COMMON = [
  'builtins', 'gc', 'math', 'micropython', 'uctypes', 'sys', 'deflate@>=1.21', 'vfs@>=1.23',
  'array', 'binascii', 'collections', 'errno', 'hashlib', 'heapq', 'io', 'json', 'machine', 'os', 'random',
  're', 'select', 'struct', 'time', 'zlib@<1.21',
];

const PORT_MODULES: Record<PortName, readonly string[]> = {
  unix: [
    // unix gained the C asyncio core only in v1.20 (measured: absent from the 1.19.1 build)
    ...COMMON, '_asyncio@>=1.20', 'cmath', 'termios', 'ffi', '_thread', 'btree', 'framebuf@>=1.20', 'tls@>=1.23', 'socket',
    'ssl@<1.23', 'cryptolib', 'websocket', 'platform@>=1.21', 'timeq@<1.21',
  ],
  esp32: [
    ...COMMON, '_asyncio@>=1.13', 'cmath', '_thread', 'btree', 'framebuf', 'network', 'esp', 'esp32', '_onewire', '_webrepl', 'socket',
    'ssl@<1.23', 'tls@>=1.23', 'cryptolib', 'websocket', 'bluetooth', 'platform@>=1.19', 'timeq@<1.21',
  ],
  esp8266: [
    ...COMMON, '_asyncio@>=1.13', 'btree', 'framebuf', 'network', 'esp', '_onewire', '_webrepl', 'lwip', 'socket', 'ssl@<1.23',
    'tls@>=1.23', 'cryptolib', 'websocket', 'platform@>=1.19',
  ],
  rp2: [...COMMON, '_asyncio@>=1.13', 'cmath', '_thread', 'framebuf', '_rp2', '_onewire', 'platform@>=1.19', 'timeq@<1.21'],
  stm32: [...COMMON, '_asyncio@>=1.13', 'cmath', 'framebuf', 'pyb', 'stm', 'platform@>=1.19', 'timeq@<1.21'],
  pyboard: [...COMMON, '_asyncio@>=1.13', 'cmath', 'framebuf', 'pyb', 'stm', 'platform@>=1.19', 'timeq@<1.21'],
  samd: [...COMMON, '_asyncio@>=1.13', 'samd', 'platform@>=1.19'],
  webassembly: [...COMMON, '_asyncio@>=1.13', 'cmath', 'js@>=1.23', 'jsffi@>=1.23', 'platform@>=1.21'],
};

/**
 * The built-in modules of one firmware, with the lookups the import system makes.
 *
 * @example
 * const b = builtinModules('unix', '1.22.2');
 * b.beforeSearch('ujson')   // 'json'  (u-alias of an extensible module)
 * b.beforeSearch('json')    // undefined (extensible: the filesystem is searched first)
 * b.afterSearch('json')     // 'json'
 * builtinModules('unix', '1.19.1').afterSearch('json')  // 'ujson' (weak link)
 */
export class BuiltinModules {
  /** True for v1.21+ (extensible modules), false for the u-name/weak-link era. */
  readonly extensibleEra: boolean;
  /** Registered names as `help('modules')` lists them. */
  readonly names: ReadonlySet<string>;
  private readonly fixed = new Set<string>();
  private readonly extensible = new Set<string>();

  /** `absent`: modules this build leaves out (modern names, e.g. `btree` with MICROPY_PY_BTREE=0). */
  constructor(port: PortName, version: Version, absent: readonly string[] = []) {
    this.extensibleEra = atLeast(version, '1.21');
    const names = new Set<string>();
    for (const modern of namesAt(PORT_MODULES[port], version)) {
      if (absent.includes(modern)) continue;
      const entry = CATALOG[modern];
      if (!entry) throw new Error(`builtinModules: "${modern}" is listed for ${port} but missing from the catalog; add it`);
      if (this.extensibleEra) {
        (entry.ext ? this.extensible : this.fixed).add(modern);
        names.add(modern);
      } else {
        const legacy = legacyName(modern, entry, version);
        this.fixed.add(legacy);
        names.add(legacy);
      }
    }
    this.names = names;
  }

  /**
   * The built-in found *before* the filesystem search, as its `__name__`, or undefined.
   * v1.21+: non-extensible names, `usys`, and `u` + an extensible name. ≤v1.20: exact registered names.
   */
  beforeSearch(name: string): string | undefined {
    if (this.fixed.has(name)) return moduleNameOf(name);
    if (!this.extensibleEra) return undefined;
    if (name === 'usys' && this.fixed.has('sys')) return 'sys';
    if (name.startsWith('u') && this.extensible.has(name.slice(1))) return name.slice(1);
    return undefined;
  }

  /** The built-in found *after* the filesystem search failed: extensible (v1.21+) or weak link `u` + name. */
  afterSearch(name: string): string | undefined {
    if (this.extensibleEra) return this.extensible.has(name) ? name : undefined;
    return this.fixed.has(`u${name}`) ? moduleNameOf(`u${name}`) : undefined;
  }

  /** True when `name` is extensible on this firmware (always false before v1.21). */
  isExtensible(name: string): boolean {
    return this.extensible.has(name);
  }
}

/** A built-in's `__name__`: its registered name, except `usys` whose module is still called `sys`. */
function moduleNameOf(registered: string): string {
  return registered === 'usys' ? 'sys' : registered;
}

function legacyName(modern: string, entry: CatalogEntry, version: Version): string {
  if (modern === 'sys') return atLeast(version, '1.14') ? 'usys' : 'sys';
  if (entry.legacy === undefined) return modern;
  return entry.legacy === 'u' ? `u${modern}` : entry.legacy;
}

const cache = new Map<string, BuiltinModules>();

/**
 * The (cached, immutable) built-in table of a port at a version.
 *
 * @example
 * builtinModules('unix', '1.27.0').beforeSearch('gc')  // 'gc'
 */
export function builtinModules(port: PortName, version: Version, absent: readonly string[] = []): BuiltinModules {
  const key = `${port}@${version}-${absent.join(',')}`;
  let table = cache.get(key);
  if (!table) {
    table = new BuiltinModules(port, version, absent);
    cache.set(key, table);
  }
  return table;
}
