import type { PortName } from '../scenario/schema.ts';
import type { Version } from '../scenario/version.ts';
import type { Heap } from './heap.ts';
import type { BuildProfile } from './buildProfile.ts';

/**
 * The device as an installer model sees it: a MicroPython VFS, `sys.path`, the print stream.
 * Every method throws `PyException` with MicroPython's own texts (`OSError: [Errno 2] ENOENT`,
 * `AttributeError: 'VfsRom' object has no attribute 'mkdir'`), never a Node error.
 */
export interface DeviceFs {
  /** `os.stat(path)`; throws `OSError: [Errno 2] ENOENT` when absent. */
  stat(path: string): { isDir: boolean; size: number };
  /** `os.mkdir(path)`; `EEXIST`, `ENOENT`, `EROFS`, or VfsRom's AttributeError. */
  mkdir(path: string): void;
  /** `open(path, 'wb')`: truncates now; bytes land as they are written (partial files stay). */
  openWrite(path: string): { write(bytes: Uint8Array): void; close(): void };
  /** `open(path, 'rb').read()`. */
  readFile(path: string): Uint8Array;
  /** Every regular file on the device, keyed by absolute device path, sorted. */
  snapshot(): Map<string, Uint8Array>;
}

/** Where an import was found, as the resolver reports it. */
export type ImportOrigin =
  | { kind: 'builtin'; name: string }
  | { kind: 'frozen'; file: string }
  | { kind: 'file'; file: string }
  | { kind: 'namespace'; path: string }
  | { kind: 'error'; line: string };

export interface ImportResult {
  origin: ImportOrigin;
  /** Every path the resolver looked at, in order. */
  tried: string[];
}

/** The parts of a device an installer model or a step uses. */
export interface Device {
  readonly port: PortName;
  readonly version: Version;
  readonly fs: DeviceFs;
  /** `sys.path`, mutable in place. */
  readonly sysPath: string[];
  /** Current directory (`''` entries resolve against it). */
  readonly cwd: string;
  /** `$HOME` on unix, for `~/` expansion; undefined elsewhere. */
  readonly home: string | undefined;
  /** `sys.implementation._mpy` (v1.19+), undefined when the build has none. */
  readonly mpy: number | undefined;
  /** Bytes in the GC pool (`gc.mem_free() + gc.mem_alloc()`). */
  readonly heapPool: number;
  /** The GC heap, when the device models one (allocations that can raise MemoryError). */
  readonly heap?: Heap;
  /** The build it models: upstream defaults of its version, or a probed binary's facts. */
  readonly build: BuildProfile;
  /** Print one line (without the newline) to the device's stdout. */
  print(line: string): void;
  readonly output: string[];
  /** `import name` with the real resolution order; records nothing on the fs. */
  importModule(name: string): ImportResult;
}
