import { Worker } from 'node:worker_threads';
import type { LoadedScenario } from '../scenario/loadScenario.ts';
import { ScenarioError, throwScenarioErrors } from '../scenario/ScenarioError.ts';
import type { ScenarioResult } from '../ScenarioResult.ts';
import type { CorpusReply, CorpusRequest, LoadedItem } from './corpusMessages.ts';

/** A request before its id is given (distributes over the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Pending {
  resolve: (reply: CorpusReply) => void;
  reject: (err: Error) => void;
}

/** One worker thread, its requests in flight, and how many it has. */
class CorpusThread {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private dead: Error | undefined;
  inFlight = 0;

  constructor(parentUrl: string) {
    this.worker = new Worker(new URL('./corpusThread.mjs', import.meta.url), { workerData: { parentUrl } });
    this.worker.unref();
    let started: () => void;
    this.ready = new Promise((resolve) => (started = resolve));
    this.worker.on('message', (reply: CorpusReply) => {
      if (reply.type === 'ready') return started();
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.inFlight--;
      if (reply.type === 'failed') waiting.reject(new Error(reply.message));
      else waiting.resolve(reply);
    });
    const fail = (err: Error): void => {
      this.dead ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      started();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`a corpus worker thread exited (code ${code})`)));
  }

  async request(message: WithoutId<CorpusRequest>): Promise<CorpusReply> {
    await this.ready;
    if (this.dead) throw this.dead;
    const id = this.nextId++;
    this.inFlight++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }
}

/**
 * Worker threads that load and run a large corpus on the virtual device across the cores
 * `--jobs` gives: each parses a share of the scenario files, then runs the scenarios handed to
 * it (the least busy first) and sends back their results. Results are the same as a run in one
 * thread — each scenario still gets a fresh device and world — only the clock differs. Threads
 * load miprig the way this module was loaded (bundle, compiled, or sources).
 *
 * @example
 * const pool = new CorpusPool(2);
 * const scenarios = await pool.load(files);
 * const result = await pool.run(scenarios[0]);
 * await pool.stop();
 */
export class CorpusPool {
  private readonly threads: CorpusThread[];

  constructor(size: number) {
    this.threads = Array.from({ length: size }, () => new CorpusThread(import.meta.url));
  }

  get size(): number {
    return this.threads.length;
  }

  /**
   * Parse and validate the files across the threads, in order. Throws the ScenarioError of the
   * last bad file after printing the others, as loading in one thread does.
   */
  async load(files: readonly string[]): Promise<LoadedScenario[]> {
    const share = Math.ceil(files.length / this.threads.length);
    const parts = await Promise.all(
      this.threads.map(async (thread, i) => {
        const slice = files.slice(i * share, (i + 1) * share);
        if (slice.length === 0) return [];
        const reply = await thread.request({ type: 'load', files: slice });
        return reply.type === 'loaded' ? reply.items : [];
      }),
    );
    const items: LoadedItem[] = parts.flat();
    const errors = items.flatMap((item) => ('error' in item ? [new ScenarioError(item.file, item.error.fieldPath, item.error.problem, item.error.line)] : []));
    throwScenarioErrors(errors);
    return items.map((item) => item as LoadedScenario);
  }

  /** Run one scenario on the virtual device in the least busy thread. */
  async run(scenario: LoadedScenario): Promise<ScenarioResult> {
    const thread = this.threads.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const reply = await thread.request({ type: 'run', scenario: { file: scenario.file, spec: scenario.spec, text: scenario.text } });
    if (reply.type !== 'result') throw new Error(`a corpus worker answered ${reply.type} to a run`);
    return reply.result;
  }

  /** End every thread (their VMs with them). Idempotent. */
  async stop(): Promise<void> {
    await Promise.all(
      this.threads.map(async (thread) => {
        await thread.request({ type: 'stop' }).catch(() => undefined);
        await thread.worker.terminate();
      }),
    );
    this.threads.length = 0;
  }
}
