import type { NetTarget } from './NetBridge.ts';
import { vmPythonSource } from './python/vmPythonSource.ts';
import { pyLiteral } from '../unix/pyLiteral.ts';
import { VmWorker } from './VmWorker.ts';
import { mayReuseVm } from './keptVm.ts';

/** How often waiting work may be passed over for later work that prefers the freed worker. */
const MAX_PASSED = 8;

/** The VM's heap to start with; it grows on demand (device heaps are the model's to decide). */
const VM_HEAP = 8 * 1024 * 1024;

/**
 * Worker threads for MicroPython VMs, reused from one run to the next: a worker whose run threw
 * or timed out is ended instead of reused. Shared by the vm backend and the module bodies of the
 * virtual device.
 *
 * @example
 * const pool = new VmPool();
 * const lines = await pool.use(async (worker) => ({ result: (await worker.exec('print(1)')).lines, healthy: true }));
 * await pool.stop();
 */
export class VmPool {
  private readonly idle: VmWorker[] = [];
  private readonly all = new Set<VmWorker>();
  /** Work waiting for a worker, oldest first; `passed`: how often a worker went to later work. */
  private readonly waiting: Array<{ resolve: () => void; prefer?: (worker: VmWorker) => boolean; passed: number }> = [];

  /** `max`: workers at most; more work waits for one (each new thread costs its start-up). */
  constructor(private readonly max = Infinity) {}

  /**
   * Run `work` on an idle worker (or a new one, up to `max`; else the next one freed): one that
   * `prefer`s when there is one (a worker that keeps the VM the work needs), and a freed worker
   * goes to the oldest waiting work that prefers it, unless older work has been passed over
   * `MAX_PASSED` times.
   */
  async use<T>(work: (worker: VmWorker) => Promise<{ result: T; healthy: boolean }>, prefer?: (worker: VmWorker) => boolean): Promise<T> {
    while (this.idle.length === 0 && this.all.size >= this.max) {
      await new Promise<void>((resolve) => this.waiting.push({ resolve, ...(prefer ? { prefer } : {}), passed: 0 }));
    }
    const preferred = prefer ? this.idle.findIndex(prefer) : -1;
    const worker = (preferred >= 0 ? this.idle.splice(preferred, 1)[0] : this.idle.pop()) ?? new VmWorker();
    this.all.add(worker);
    let healthy = false;
    try {
      const r = await work(worker);
      healthy = r.healthy;
      return r.result;
    } finally {
      if (healthy) this.idle.push(worker);
      else {
        this.all.delete(worker);
        await worker.terminate();
      }
      this.wakeFor(healthy ? worker : undefined);
    }
  }

  /** Wake the waiting work that `freed` (a worker now idle; none: a new one may start) goes to. */
  private wakeFor(freed: VmWorker | undefined): void {
    const head = this.waiting[0];
    if (!head) return;
    let next = 0;
    if (freed && head.prefer && head.passed < MAX_PASSED && !head.prefer(freed)) {
      const fits = this.waiting.findIndex((w) => w.prefer?.(freed));
      if (fits > 0) {
        next = fits;
        for (const w of this.waiting.slice(0, fits)) w.passed++;
      }
    }
    this.waiting.splice(next, 1)[0]!.resolve();
  }

  /** End every worker. Idempotent. */
  async stop(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }
}

/**
 * A fresh VM in `worker` laid out as a device: its files (and their folders, plus `dirs`), its
 * working directory, the socket and (unless `tls: false`) TLS modules in `sys.modules` (their calls reach `target`),
 * and its `sys.path`. With `reuse`, the VM the worker keeps for the release, wiped and reset to
 * that state, else a new one it keeps — unless the files name state no reset undoes (keptVm.ts):
 * `kept` says whether the VM is a kept one (for afterKeptRun). Throws when the set-up itself raises.
 *
 * @example
 * await openDeviceVm(worker, { vm: url, files, dirs: ['/home'], cwd: '/', sysPath: ['', '/lib'] }, target);
 */
export async function openDeviceVm(
  worker: VmWorker,
  device: { vm: string; files: ReadonlyArray<[string, Uint8Array]>; dirs: readonly string[]; cwd: string; sysPath: readonly string[]; tls?: boolean },
  target: NetTarget,
  options: { reuse?: boolean } = {},
): Promise<{ kept: boolean; reused: boolean }> {
  const dirs = new Set<string>([device.cwd, ...device.dirs]);
  for (const [path] of device.files) dirs.add(path.slice(0, path.lastIndexOf('/')) || '/');
  const kept = (options.reuse ?? false) && mayReuseVm(device.files);
  const { reused } = await worker.open({ vm: device.vm, heapsize: VM_HEAP, dirs: [...dirs], files: [...device.files], cwd: device.cwd, ...(kept ? { keep: true } : {}) }, target);
  const setup = await worker.exec(reused ? deviceResetSource(device) : deviceSetupSource(device));
  if (setup.error) throw new Error(`setting up the VM failed: ${setup.error.type}: ${setup.error.message}`);
  return { kept, reused };
}

/**
 * The Python that puts a VM set up as the device back to that state, files aside (python/vm_reset.py,
 * then the set-up again): a board's soft reset, or a kept VM made fresh for its next body.
 *
 * @example
 * await worker.exec(deviceResetSource({ sysPath: ['', '/lib'], cwd: '/' }));
 */
export function deviceResetSource(device: { sysPath: readonly string[]; cwd: string; tls?: boolean }): string {
  return `_MIPRIG_PATH = ${pyLiteral([...device.sysPath])}\n_MIPRIG_CWD = ${pyLiteral(device.cwd)}\n${vmPythonSource('vm_reset')}\n${deviceSetupSource(device)}`;
}

/**
 * The Python that sets a fresh VM up as the device (after its files are in): the socket and (unless
 * `tls: false`) TLS modules in `sys.modules`, and the device's `sys.path`. Run again after a soft
 * reset (the mpremote backend's device), it puts them back.
 *
 * @example
 * await worker.exec(deviceSetupSource({ sysPath: ['', '/lib'] }));
 */
export function deviceSetupSource(device: { sysPath: readonly string[]; tls?: boolean }): string {
  const tls = device.tls !== false;
  let modules = modulesLiteral.get(tls);
  if (modules === undefined) {
    modules = pyLiteral([[vmPythonSource('vm_socket'), ['socket', 'usocket']], ...(tls ? [[vmPythonSource('vm_tls'), ['ssl', 'ussl', 'tls']]] : [])]);
    modulesLiteral.set(tls, modules);
  }
  return `_MIPRIG_MODULES = ${modules}\n_MIPRIG_PATH = ${pyLiteral([...device.sysPath])}\n${vmPythonSource('vm_setup')}`;
}

/** The socket (and TLS) modules' sources as a Python literal, with TLS and without: the same text every time. */
const modulesLiteral = new Map<boolean, string>();
