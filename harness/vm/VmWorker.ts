import { readFile } from 'node:fs/promises';
import { MessageChannel, Worker } from 'node:worker_threads';
import { NetBridge, type NetTarget } from './NetBridge.ts';

/** Each release's .wasm, compiled once per process and shared with every worker. */
const modules = new Map<string, Promise<WebAssembly.Module>>();

function compiledWasm(loaderUrl: string): Promise<WebAssembly.Module> {
  let module = modules.get(loaderUrl);
  if (!module) {
    module = readFile(new URL('./micropython.wasm', loaderUrl)).then((bytes) => WebAssembly.compile(bytes));
    modules.set(loaderUrl, module);
  }
  return module;
}

/** Bytes the shared buffer carries per answer (hex of up to half of it). */
const SHARED_BYTES = 16 + 128 * 1024;

/** What a step printed, and the Python exception that escaped it (none: the step's own wrapper catches them). */
export interface VmExecResult {
  lines: string[];
  /** Exactly what it printed (a raw REPL passes it on byte for byte). */
  text: string;
  error?: { type: string; message: string };
}

/**
 * One worker thread that runs MicroPython VMs (vmWorker.mjs), one scenario at a time: `open`
 * loads a fresh VM with the device's files, `exec` runs Python in it (blocking sockets bridged to
 * the loopback server by a NetBridge), `files` reads the file system back. `terminate` ends it,
 * even in the middle of a step (a timeout).
 *
 * @example
 * const vm = new VmWorker();
 * await vm.open({ vm: url, heapsize: 8 << 20, dirs: ['/lib'], files: [], cwd: '/' }, target);
 * const { lines } = await vm.exec('print(1)');
 * await vm.terminate();
 */
export class VmWorker {
  private readonly worker: Worker;
  private readonly bridge: NetBridge;
  private readonly shared = new SharedArrayBuffer(SHARED_BYTES);
  private dead: Error | undefined;
  /** The VM releases whose compiled modules the worker holds (it keeps every one it is sent). */
  private readonly wasmSent = new Set<string>();
  /** The release of the VM the worker keeps for reuse, if any (one at most: the last loaded). */
  private keptVm: string | undefined;
  private uses = 0;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.bridge = new NetBridge(port1, this.shared);
    this.worker = new Worker(new URL('./vmWorker.mjs', import.meta.url), {
      workerData: { netPort: port2, shared: this.shared },
      transferList: [port2],
    });
    this.worker.on('error', (err) => (this.dead = err));
    this.worker.on('exit', () => (this.dead ??= new Error('the VM worker exited')));
    this.worker.unref();
  }

  /**
   * A fresh VM with the device's files; its sockets reach `target`. With `keep`, the VM this
   * worker keeps when it is of this release, its file system wiped back to a fresh VM's
   * (`reused`: its Python state is the caller's to reset), else a new one that is kept. Any new
   * VM ends the kept one.
   */
  async open(
    session: { vm: string; heapsize: number; dirs: string[]; files: Array<[string, Uint8Array]>; cwd: string; keep?: boolean },
    target: NetTarget,
  ): Promise<{ reused: boolean }> {
    this.bridge.serve(target);
    // Each release's compiled module goes over once per worker: posting one costs ~9 ms of this
    // thread, and a corpus alternating releases sent it at every other open.
    const wasm = this.wasmSent.has(session.vm) ? undefined : await compiledWasm(session.vm);
    const r = await this.request({ type: 'open', ...session, ...(wasm ? { wasm } : {}) }, 'opened');
    this.wasmSent.add(session.vm);
    const reused = r['reused'] === true;
    this.keptVm = session.keep ? session.vm : undefined;
    this.uses = !session.keep ? 0 : reused ? this.uses + 1 : 1;
    return { reused };
  }

  /** How many opens the kept VM has served, the one that loaded it included (0: none kept). */
  get keptUses(): number {
    return this.uses;
  }

  /** Whether the worker keeps a VM of this release (a `keep` open would reuse it). */
  keeps(vm: string): boolean {
    return this.keptVm === vm;
  }

  /** Forget the kept VM (the next `keep` open loads a new one). */
  async dropKept(): Promise<void> {
    await this.request({ type: 'drop' }, 'dropped');
    this.keptVm = undefined;
    this.uses = 0;
  }

  /** Run Python in the VM; resolves with its printed lines. */
  async exec(code: string): Promise<VmExecResult> {
    const r = (await this.request({ type: 'exec', code }, 'done')) as unknown as VmExecResult;
    return { lines: r.lines, text: r.text, ...(r.error ? { error: r.error } : {}) };
  }

  /** Every regular file in the VM's file system, except under `skip`. */
  async files(skip: string[]): Promise<Map<string, Uint8Array>> {
    const r = (await this.request({ type: 'files', skip }, 'files')) as unknown as { files: Array<[string, Uint8Array]> };
    return new Map(r.files);
  }

  /** End the worker (and any step in it) now. Idempotent. */
  async terminate(): Promise<void> {
    this.bridge.close();
    await this.worker.terminate();
  }

  private request(message: Record<string, unknown>, expect: string): Promise<Record<string, unknown>> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Record<string, unknown>) => {
        cleanup();
        if (reply['type'] === expect) resolve(reply);
        else reject(new Error(`the VM failed: ${String(reply['message'] ?? reply['type'])}`));
      };
      const onExit = () => {
        cleanup();
        reject(this.dead ?? new Error('the VM worker exited'));
      };
      const cleanup = () => {
        this.worker.off('message', onMessage);
        this.worker.off('exit', onExit);
      };
      this.worker.on('message', onMessage);
      this.worker.on('exit', onExit);
      this.worker.postMessage(message);
    });
  }
}
