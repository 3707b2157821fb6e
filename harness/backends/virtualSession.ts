import { buildDevice } from '../../src/device/buildDevice.ts';
import { decompressOnDevice } from '../../src/device/decompressOnDevice.ts';
import { applySyspathEdit } from '../../src/device/syspathEdits.ts';
import type { VirtualDevice } from '../../src/device/VirtualDevice.ts';
import { ShadowedInstallerModule } from '../../src/installers/installerImports.ts';
import { runInstallStep } from '../../src/installers/runInstallStep.ts';
import { HangError } from '../../src/net/httpClient.ts';
import { PyException } from '../../src/py/PyException.ts';
import type { InstallStep, SyspathStep } from '../../src/scenario/schema.ts';
import type { World } from '../../src/world/World.ts';
import type { BodyImport, ModuleBodies } from '../steps/ModuleBodies.ts';
import { emptyStepLog, type CopyStep, type DecompressStep, type ResourceStep, type StepEnd, type StepSession } from '../steps/StepSession.ts';
import { resourceLine } from '../steps/resourceLine.ts';
import { resourceBytes } from '../../src/device/resourceStream.ts';
import { describeImport } from './describeImport.ts';

const DONE: StepEnd = { exitCode: 0, timedOut: false };

/**
 * A scenario's steps on the virtual device: the models run each step in-process. The device's
 * printed lines are the step log's output; a `copy` step replaces the device (later steps run on
 * the copy, which starts with the earlier output).
 *
 * @example
 * const session = new VirtualSession(await buildDevice(spec.device), await createWorld(spec.world));
 * await runSteps(spec.steps, session);
 * session.device.fs.snapshot();
 */
export class VirtualSession implements StepSession {
  readonly log = emptyStepLog();

  /** The interpreters that ran module bodies for this session (`MicroPython VM 1.27.0 …`). */
  readonly bodiesRanOn = new Set<string>();

  constructor(
    public device: VirtualDevice,
    private readonly world: World,
    /** Runs module bodies the model cannot (a VM); without it, the model's answers stand. */
    private readonly bodies?: ModuleBodies,
  ) {
    this.log.output = device.output;
  }

  /** `import NAME` run for real on a copy of this device, when an interpreter is at hand. */
  private async runBody(name: string): Promise<BodyImport | undefined> {
    const d = this.device;
    const r = await this.bodies?.runImport({ files: d.fs.snapshot(), sysPath: d.sysPath, cwd: d.cwd, version: d.version }, name);
    if (r) this.bodiesRanOn.add(r.ranOn);
    return r;
  }

  async install(step: InstallStep): Promise<StepEnd> {
    try {
      const { exitCode } = await runInstallStep(this.device, this.world, step);
      return { exitCode, timedOut: false };
    } catch (err) {
      if (err instanceof HangError) return { exitCode: null, timedOut: true };
      if (err instanceof ShadowedInstallerModule) {
        // The installer imports a filesystem module: what its body does is known only by running
        // it. If the import raises, that is the installer's end (its traceback, status 1), as on
        // the device; if it does not, what the installer then does with it is beyond the model.
        const body = await this.runBody(err.module);
        if (!body?.exception) throw err;
        for (const line of body.output) this.device.print(line);
        return { exitCode: 1, timedOut: false };
      }
      if (err instanceof PyException) {
        // An uncaught exception: the unix port prints the traceback and the argv form exits 1.
        this.printTraceback(err);
        return { exitCode: 1, timedOut: false };
      }
      throw err;
    }
  }

  async importModule(name: string): Promise<StepEnd> {
    // `micropython -c "import NAME"` on a real binary: a fresh interpreter, empty sys.modules.
    this.device.modules.clear();
    const origin = this.device.importModule(name).origin;
    this.log.imports[name] = describeImport(origin, this.device.cwd);
    // A source module's body runs on import: the model knows where it is, an interpreter what it does.
    if (origin.kind === 'file' && origin.file.endsWith('.py')) {
      const body = await this.runBody(name);
      if (body) {
        for (const line of body.output) this.device.print(line);
        if (!body.exception) return DONE;
        this.log.imports[name] = body.exception;
        return { exitCode: 1, timedOut: false };
      }
    }
    if (origin.kind !== 'error') return DONE;
    this.device.print('Traceback (most recent call last):');
    this.device.print(origin.line);
    return { exitCode: 1, timedOut: false };
  }

  async syspath(edit: SyspathStep): Promise<StepEnd> {
    const err = applySyspathEdit(this.device, edit);
    if (!err) return DONE;
    this.printTraceback(err);
    return { exitCode: 1, timedOut: false };
  }

  async decompress(step: DecompressStep): Promise<StepEnd> {
    const { file, format, wbits } = step;
    const key = step.as ?? file;
    try {
      const n = decompressOnDevice(this.device.heap, this.device.version, this.device.fs.readFile(file), { format, wbits });
      this.log.decompress[key] = `ok ${n}`;
    } catch (err) {
      if (!(err instanceof PyException)) throw err;
      this.log.decompress[key] = err.line;
    }
    return DONE;
  }

  async resource(step: ResourceStep): Promise<StepEnd> {
    try {
      const bytes = await resourceBytes(this.device, step.package, step.name);
      this.device.print(resourceLine(step.package, step.name, bytes));
      return DONE;
    } catch (err) {
      if (!(err instanceof PyException)) throw err;
      this.printTraceback(err);
      return { exitCode: 1, timedOut: false };
    }
  }

  async copy(step: CopyStep): Promise<StepEnd> {
    const from = this.device;
    const prefix = step.from.endsWith('/') ? step.from : `${step.from}/`;
    const target = await buildDevice(step.device);
    const dest = step.to.replace(/\/$/, '');
    for (const [path, bytes] of from.fs.snapshot()) {
      if (!path.startsWith(prefix)) continue;
      const to = `${dest}/${path.slice(prefix.length)}`;
      makeParents(target, to);
      const f = target.fs.openWrite(to);
      f.write(bytes);
      f.close();
    }
    for (const line of from.output) target.print(line);
    this.device = target;
    this.log.output = target.output;
    return DONE;
  }

  private printTraceback(err: PyException): void {
    // Frame lines differ between the model and the binary and are dropped by the harness on both.
    this.device.print('Traceback (most recent call last):');
    // An exception text may hold newlines (requests appends the raw "\r\n" header line); a
    // binary's output is split into lines at "\n", so split the same way.
    for (const line of err.line.split('\n')) this.device.print(line);
  }
}

function makeParents(device: VirtualDevice, file: string): void {
  let dir = '';
  for (const part of file.split('/').slice(1, -1)) {
    dir += `/${part}`;
    try {
      device.fs.stat(dir);
    } catch {
      device.fs.mkdir(dir);
    }
  }
}
