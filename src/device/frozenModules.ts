/**
 * Frozen modules: the default frozen-name table of each port's generic firmware (the names
 * installers care about), plus a scenario's own `frozen` entries, and the `.frozen` lookup rule
 * (py/builtinimport.c, py/frozenmod.c, v1.18+): an exact name is a file; a name followed by `/` is
 * a directory (so frozen namespace packages work). Names are relative, always ending in `.py`
 * (even frozen .mpy).
 */
import type { FileContent, PortName } from '../scenario/schema.ts';
import type { Version } from '../scenario/version.ts';
import { namesAt } from './versionRange.ts';

const ASYNCIO_PARTS = ['__init__', 'core', 'event', 'funcs', 'lock', 'stream'];
/** extmod asyncio frozen from `since`: `uasyncio/` up to v1.20, then `asyncio/` plus the `uasyncio.py` shim. */
function asyncioFrom(since: string): string[] {
  return [
    ...ASYNCIO_PARTS.map((p) => `uasyncio/${p}.py@>=${since} <1.21`),
    ...ASYNCIO_PARTS.map((p) => `asyncio/${p}.py@>=1.21`),
    'uasyncio.py@>=1.21',
  ];
}
const ASYNCIO = asyncioFrom('1.13');
/** The installer and HTTP client frozen with networking (upip until v1.19.1, then mip). */
const INSTALLER = [
  'upip.py@<1.20', 'upip_utarfile.py@<1.20',
  'mip/__init__.py@>=1.20', 'urequests.py@>=1.20 <1.21', 'requests/__init__.py@>=1.21', 'ssl.py@>=1.23',
];
const NETWORK_EXTRAS = ['ntptime.py', 'webrepl.py', 'webrepl_setup.py'];
const SENSORS = ['onewire.py', 'ds18x20.py', 'dht.py', 'neopixel.py'];
const PYSCRIPT_LIBS = [
  'abc.py', 'base64.py', 'collections/__init__.py', 'collections/defaultdict.py', 'copy.py', 'datetime.py',
  'fnmatch.py', 'functools.py', 'gzip.py', 'hmac.py', 'html/__init__.py', 'inspect.py', 'io.py', 'itertools.py',
  'locale.py', 'logging.py', 'operator.py', 'os/__init__.py', 'os/path.py', 'pathlib.py', 'stat.py',
  'tarfile/__init__.py', 'tarfile/write.py', 'time.py', 'unittest/__init__.py', 'uu.py', 'zlib.py',
];

const PORT_FROZEN: Record<PortName, readonly string[]> = {
  // Measured on the v1.19.1/1.20.0/1.22.2/1.24.1/1.27.0 standard builds (frozen_content.c).
  unix: [
    'upip.py@<1.20', 'upip_utarfile.py@<1.20',
    'argparse.py@>=1.20', 'urequests.py@>=1.20 <1.21', 'requests/__init__.py@>=1.21',
    'mip/__init__.py@>=1.20', 'mip/__main__.py@>=1.20', 'ssl.py@>=1.23',
    ...asyncioFrom('1.20'),
  ],
  esp32: [
    '_boot.py', 'flashbdev.py', 'inisetup.py', 'apa106.py', 'espnow.py@>=1.21', 'aioespnow.py@>=1.21',
    'upysh.py', 'umqtt/simple.py', 'umqtt/robust.py', ...SENSORS, ...NETWORK_EXTRAS, ...INSTALLER, ...ASYNCIO,
  ],
  esp8266: [
    '_boot.py', 'flashbdev.py', 'inisetup.py', 'port_diag.py', 'apa102.py', ...SENSORS, ...NETWORK_EXTRAS, ...INSTALLER,
  ],
  rp2: ['_boot.py', '_boot_fat.py@>=1.20', 'rp2.py', ...SENSORS, ...ASYNCIO],
  stm32: ['dht.py', 'onewire.py', ...ASYNCIO],
  pyboard: ['dht.py', 'onewire.py', ...ASYNCIO],
  samd: ['_boot.py@>=1.18'],
  webassembly: [
    ...['__init__', 'core', 'event', 'funcs', 'lock'].map((p) => `asyncio/${p}.py@>=1.23`),
    ...PYSCRIPT_LIBS.map((n) => `${n}@>=1.23`),
  ],
};

/**
 * The frozen-module table of one device.
 *
 * @example
 * const t = frozenTable('unix', '1.22.2', {});
 * t.stat('mip')              // 'dir'  (mip/__init__.py exists)
 * t.stat('mip/__init__.py')  // 'file'
 * t.stat('upip.py')          // undefined
 */
export class FrozenTable {
  readonly names: ReadonlySet<string>;
  private readonly dirs = new Set<string>();
  /** Sources given by the scenario (the port defaults have none: we never run them). */
  readonly sources: ReadonlyMap<string, FileContent>;

  constructor(names: Iterable<string>, sources: ReadonlyMap<string, FileContent> = new Map()) {
    const all = new Set(names);
    for (const name of sources.keys()) all.add(name);
    this.names = all;
    this.sources = sources;
    for (const name of all) {
      for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) this.dirs.add(name.slice(0, i));
    }
  }

  /** `mp_find_frozen_module` as a stat: exact name ⇒ file, name + `/` prefix ⇒ directory. */
  stat(name: string): 'file' | 'dir' | undefined {
    if (this.names.has(name)) return 'file';
    return this.dirs.has(name) ? 'dir' : undefined;
  }

  get size(): number {
    return this.names.size;
  }
}

const defaultsCache = new Map<string, readonly string[]>();

/**
 * Default frozen names of a port's generic firmware at `version` (cached).
 *
 * @example
 * defaultFrozenNames('unix', '1.19.1')  // ['upip.py', 'upip_utarfile.py']
 */
export function defaultFrozenNames(port: PortName, version: Version): readonly string[] {
  const key = `${port}@${version}`;
  let names = defaultsCache.get(key);
  if (!names) {
    names = namesAt(PORT_FROZEN[port], version);
    defaultsCache.set(key, names);
  }
  return names;
}

/**
 * The port's frozen table with the scenario's entries added (a same-named entry overrides the
 * default; names are normalised to drop a leading `/`).
 *
 * @example
 * frozenTable('esp32', '1.27.0', { 'fz.py': 'x = 1' }).stat('fz.py')  // 'file'
 */
export function frozenTable(port: PortName, version: Version, extra: Record<string, FileContent>): FrozenTable {
  const sources = new Map<string, FileContent>();
  for (const [name, content] of Object.entries(extra)) sources.set(name.replace(/^\/+/, ''), content);
  return new FrozenTable(defaultFrozenNames(port, version), sources);
}
