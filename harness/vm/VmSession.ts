import type { InstallStep, SyspathStep } from '../../src/scenario/schema.ts';
import { classifyOutcome } from '../observation/classifyOutcome.ts';
import { emptyStepLog, type CopyStep, type DecompressStep, type ResourceStep, type StepEnd, type StepSession } from '../steps/StepSession.ts';
import { resourceSource } from '../unix/resourceSource.ts';
import { bareInvocations } from '../unix/bareStep.ts';
import { stepSource, type LauncherStep } from '../unix/launcher.ts';
import { launcherStepFor } from '../unix/launcherStepFor.ts';
import { decompressFrom, importsFrom, normalizeOutput, syspathFrom } from '../unix/normalizeOutput.ts';
import { pyLiteral } from '../unix/pyLiteral.ts';
import { syspathEditSource } from '../unix/syspathEditSource.ts';
import { vmPythonSource } from './python/vmPythonSource.ts';
import type { VmWorker } from './VmWorker.ts';

/**
 * A scenario's steps on a real MicroPython VM (the webassembly port) in a worker thread: each
 * step is Python run by that VM — the installer's own code (from `--installer-src`), an import
 * that executes the module body, a `syspath` edit, a decompress — so exceptions, printed lines
 * and exit statuses are the VM's. An import step forgets the modules imported before it, as a new
 * interpreter would; the VM itself lives for the whole scenario (its file system is the device's).
 *
 * @example
 * const session = new VmSession(worker, { sysPath, timeoutMs: 30_000, frozenStandIn: '/_miprig/installer' });
 * await runSteps(spec.steps, session);
 */
export class VmSession implements StepSession {
  readonly log = emptyStepLog();
  private readonly sysPath: string[];

  constructor(
    private readonly vm: VmWorker,
    private readonly options: { sysPath: readonly string[]; timeoutMs: number; frozenStandIn?: string },
  ) {
    this.sysPath = [...options.sysPath];
  }

  install(step: InstallStep): Promise<StepEnd> {
    return this.run(launcherStepFor(step), true);
  }

  async importModule(name: string): Promise<StepEnd> {
    // As on a binary: `import NAME` itself (its body runs, its exception propagates), then the lines
    // that print where it came from.
    const [[, source]] = bareInvocations({ kind: 'imports', modules: [name] }) as [[string, string]];
    const { end, lines } = await this.exec(source, true);
    if (end.exitCode !== 0 && !end.timedOut) {
      const failed = classifyOutcome(lines);
      if (failed.kind === 'exception') this.log.imports[name] = failed.line;
    }
    return end;
  }

  async syspath(edit: SyspathStep): Promise<StepEnd> {
    const { end, protocol } = await this.exec(syspathEditSource(this.sysPath, edit), true);
    const after = syspathFrom(protocol);
    if (after) this.sysPath.splice(0, this.sysPath.length, ...after);
    return end;
  }

  decompress(step: DecompressStep): Promise<StepEnd> {
    const { file, format, wbits } = step;
    return this.run({ kind: 'decompress', key: step.as ?? file, file, format, wbits }, true);
  }

  async resource(step: ResourceStep): Promise<StepEnd> {
    return (await this.exec(resourceSource(step), true)).end;
  }

  async copy(_step: CopyStep): Promise<StepEnd> {
    throw new Error('a copy step runs on the virtual device only (the vm backend skips such scenarios)');
  }

  /**
   * The VM's sys.path for the next step: the device's, with the installer sources right after
   * `.frozen` — they stand for frozen modules, so they move (and go) with it, whatever a
   * `syspath` step does to `.frozen`.
   */
  private pathWithStandIn(): string[] {
    const standIn = this.options.frozenStandIn;
    const at = this.sysPath.indexOf('.frozen');
    return standIn && at >= 0 ? [...this.sysPath.slice(0, at + 1), standIn, ...this.sysPath.slice(at + 1)] : [...this.sysPath];
  }

  private async run(step: LauncherStep, fresh: boolean): Promise<StepEnd> {
    return (await this.exec(stepSource(step), fresh)).end;
  }

  /** One step's Python in the VM (python/vm_step.py around it), bounded by the step timeout. */
  private async exec(code: string, fresh: boolean): Promise<{ end: StepEnd; lines: string[]; protocol: ReturnType<typeof normalizeOutput>['protocol'] }> {
    const source = `_MIPRIG_PATH = ${pyLiteral(this.pathWithStandIn())}\n_MIPRIG_CODE = ${pyLiteral(code)}\n_MIPRIG_FRESH = ${fresh ? 'True' : 'False'}\n${vmPythonSource('vm_step')}`;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs)));
    const r = await Promise.race([this.vm.exec(source), timeout]).finally(() => clearTimeout(timer));
    if (r === 'timeout') {
      await this.vm.terminate();
      return { end: { exitCode: null, timedOut: true }, lines: [], protocol: [] };
    }
    if (r.error) throw new Error(`the VM's step wrapper raised ${r.error.type}: ${r.error.message}`);
    const normal = normalizeOutput(r.lines, { runRoot: [] });
    const status = normal.protocol.filter((p) => p.kind === 'exit').at(-1);
    const exitCode = status && /^-?\d+$/.test(status.text) ? Number(status.text) : null;
    const lines = normal.lines;
    this.log.output.push(...lines);
    for (const [name, origin] of Object.entries(importsFrom(normal.protocol))) {
      // The installer sources stand where the frozen modules would (VmBackend puts them there).
      const standIn = this.options.frozenStandIn;
      this.log.imports[name] = standIn && origin.startsWith(`${standIn}/`) ? 'frozen' : origin;
    }
    Object.assign(this.log.decompress, decompressFrom(normal.protocol));
    return { end: { exitCode, timedOut: false }, lines, protocol: normal.protocol };
  }
}
