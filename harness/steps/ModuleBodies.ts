/** A device as a module body needs it: its files, `sys.path`, working directory and version. */
export interface BodyDevice {
  files: Map<string, Uint8Array>;
  sysPath: readonly string[];
  cwd: string;
  version: string;
}

/** What `import NAME` did when its module body really ran. */
export interface BodyImport {
  /** Lines the body printed, then its traceback lines when it raised (frame lines removed). */
  output: string[];
  /** The exception line when the import raised, e.g. `ImportError: no module named 'x'`. */
  exception?: string;
  /** Which interpreter ran it, for the report. */
  ranOn: string;
}

/**
 * Runs module bodies for a model that cannot: `import NAME` executed by a real MicroPython (the
 * vm backend's VM) on a copy of the device. The virtual device asks it where its own answer
 * would be a guess — an import of a source module, or a filesystem module that shadows an
 * installer's dependency — and reports which interpreter answered.
 *
 * @example
 * const bodies = await vmModuleBodies();           // harness/vm/vmModuleBodies.ts
 * const r = await bodies?.runImport(device, 'sensor');
 * r?.exception; // "ImportError: no module named 'sensor_driver'"
 */
export interface ModuleBodies {
  /** Undefined when no interpreter for this version is at hand (the model's answer stands). */
  runImport(device: BodyDevice, name: string): Promise<BodyImport | undefined>;
  /** Release whatever it holds (workers). Idempotent. */
  stop(): Promise<void>;
}
