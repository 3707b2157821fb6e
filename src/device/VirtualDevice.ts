import type { DeviceSpec, PortName, SyspathStep } from '../scenario/schema.ts';
import type { Version } from '../scenario/version.ts';
import type { Device, ImportResult } from './Device.ts';
import { DeviceVolume } from './DeviceVolume.ts';
import type { EscapePolicy } from './DeviceVolume.ts';
import { MountTable } from './MountTable.ts';
import type { PyException } from '../py/PyException.ts';
import { builtinModules } from './builtinModules.ts';
import type { BuiltinModules } from './builtinModules.ts';
import { frozenTable } from './frozenModules.ts';
import type { FrozenTable } from './frozenModules.ts';
import { Heap, parseHeapSize } from './heap.ts';
import { referenceBuild, resolveHeapSize, type BuildProfile } from './buildProfile.ts';
import { resolveImport } from './importResolver.ts';
import type { ImportContext, LoadedModule } from './importResolver.ts';
import { defaultSysPath, expandHome, portProfile } from './portProfiles.ts';
import type { PortProfile } from './portProfiles.ts';
import { applySyspathStep } from './syspathEdits.ts';

/**
 * The virtual device: TypeScript models of a MicroPython firmware's VFS, `sys.path`, import
 * system, `.mpy` loader and GC heap, booted as the port's generic firmware would boot.
 *
 * @example
 * const dev = createVirtualDevice(deviceSpec.parse({ port: 'esp32', version: '1.22.2' }), new Map());
 * dev.sysPath                        // ['', '.frozen', '/lib']
 * dev.importModule('mip').origin     // { kind: 'frozen', file: 'mip/__init__.py' }
 */
export class VirtualDevice implements Device {
  readonly port: PortName;
  readonly version: Version;
  readonly fs: DeviceVolume;
  readonly sysPath: string[];
  readonly cwd: string;
  readonly home: string | undefined;
  readonly mpy: number | undefined;
  readonly heap: Heap;
  readonly output: string[] = [];
  readonly profile: PortProfile;
  readonly frozen: FrozenTable;
  readonly builtins: BuiltinModules;
  readonly build: BuildProfile;
  /** `sys.modules` (file and frozen modules; built-ins are not listed, as on v1.21+). */
  readonly modules = new Map<string, LoadedModule>();
  private readonly importContext: ImportContext;

  constructor(parts: {
    profile: PortProfile;
    fs: DeviceVolume;
    sysPath: string[];
    frozen: FrozenTable;
    builtins: BuiltinModules;
    heap: Heap;
    build: BuildProfile;
  }) {
    const { profile } = parts;
    this.profile = profile;
    this.port = profile.port;
    this.version = profile.version;
    this.cwd = profile.cwd;
    this.home = profile.home;
    this.mpy = profile.mpy;
    this.fs = parts.fs;
    this.sysPath = parts.sysPath;
    this.frozen = parts.frozen;
    this.builtins = parts.builtins;
    this.heap = parts.heap;
    this.build = parts.build;
    this.importContext = {
      version: profile.version,
      sysPath: this.sysPath,
      fs: this.fs,
      frozen: this.frozen,
      builtins: this.builtins,
      modules: this.modules,
      mpyTarget: profile.mpyTarget,
      terseErrors: profile.terseErrors,
    };
  }

  get heapPool(): number {
    return this.heap.pool;
  }

  /** Writes that would leave the run root on a real unix machine (unix port only; see `EscapePolicy`). */
  get escapes(): readonly string[] {
    return this.fs.escapes;
  }

  print(line: string): void {
    this.output.push(line);
  }

  importModule(name: string): ImportResult {
    return resolveImport(this.importContext, name);
  }

  /** Apply a scenario `syspath` step; returns the Python exception the edit raised, if any. */
  editSysPath(step: SyspathStep): PyException | null {
    return applySyspathStep(this.sysPath, step, this.version);
  }
}

/**
 * What a device spec says before anything is booted: the port profile, mounts, frozen table and
 * the initial `sys.path`. Shared by the virtual device and the unix backend (which lays the same
 * device out in a run root without building a volume).
 *
 * @example
 * deviceLayout(deviceSpec.parse({ port: 'unix', version: '1.27.0' })).sysPath
 * // ['', '.frozen', '/home/.micropython/lib', '/usr/lib/micropython']
 */
export function deviceLayout(spec: DeviceSpec): { profile: PortProfile; mounts: MountTable; frozen: FrozenTable; sysPath: string[] } {
  const profile = portProfile(spec.port, spec.version);
  const mounts = new MountTable(
    spec.mounts.map((m) => ({ path: m.path, kind: m.kind, readOnly: m.readOnly || m.kind === 'rom' })),
  );
  const frozen = frozenTable(spec.port, spec.version, spec.frozen);
  const sysPath = spec.sysPath
    ? spec.sysPath.map((e) => (spec.port === 'unix' ? expandHome(e, profile.home) : e))
    : defaultSysPath(spec.port, spec.version, { hasFrozen: frozen.size > 0, mounts });
  return { profile, mounts, frozen, sysPath };
}

/**
 * Boot a virtual device from a parsed `device` spec and its materialised files (absolute device
 * paths; mount files included). `spec.sysPath` replaces the default path verbatim — on unix it is
 * the *full* list, `''` first, as the binary gets it from `MICROPYPATH` (`~/` expands to HOME).
 *
 * @example
 * const dev = createVirtualDevice(deviceSpec.parse({}), new Map([['/home/.micropython/lib/a.py', bytes]]));
 * dev.importModule('a').origin  // { kind: 'file', file: '/home/.micropython/lib/a.py' }
 */
export function createVirtualDevice(
  spec: DeviceSpec,
  files: Map<string, Uint8Array>,
  build: BuildProfile = referenceBuild(spec.port, spec.version),
): VirtualDevice {
  const { profile, mounts, frozen, sysPath } = deviceLayout(spec);
  // On a real binary every device path is mapped into the run root (the LD_PRELOAD shim), so the
  // only escape is a `..` that climbs above `/` (clamped there, and reported, as on the unix backend).
  const escapePolicy: EscapePolicy | undefined = spec.port === 'unix' ? { roots: ['/'] } : undefined;
  // A unix machine has its HOME and /usr/lib already: creating them is not the installer's doing.
  const dirs = spec.port === 'unix' ? [profile.home!, '/usr/lib'] : [];
  const fs = new DeviceVolume(files, { cwd: profile.cwd, mounts, escapePolicy, dirs });
  const heap = new Heap({
    heapBytes: spec.heap === undefined ? profile.defaultHeapBytes : parseHeapSize(resolveHeapSize(String(spec.heap), build), profile.wordBytes),
    wordBytes: profile.wordBytes,
    startMisalignment: profile.heapMisalignment,
    growable: profile.splitHeapAuto,
    baselineBytes: profile.heapBaselineBytes,
  });
  const builtins = builtinModules(spec.port, spec.version, build.absentModules);
  return new VirtualDevice({ profile, fs, sysPath, frozen, builtins, heap, build });
}
