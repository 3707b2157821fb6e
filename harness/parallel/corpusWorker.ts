import { parentPort } from 'node:worker_threads';
import { VirtualBackend } from '../backends/VirtualBackend.ts';
import { runOne } from '../runScenarios.ts';
import { loadScenario, type LoadedScenario } from '../scenario/loadScenario.ts';
import { ScenarioError } from '../scenario/ScenarioError.ts';
import { SpecCache } from '../scenario/specCache.ts';
import { vmModuleBodies } from '../vm/vmModuleBodies.ts';
import type { CorpusReply, CorpusRequest, LoadedItem } from './corpusMessages.ts';

/**
 * The worker side of CorpusPool: parses the scenario files it is given and runs scenarios on the
 * virtual device, answering each request on its parent port. Module bodies run on a MicroPython
 * VM of its own, as in the main thread.
 *
 * @example
 * // corpusThread.mjs, in a worker thread:
 * serveCorpusWorker();
 */
export function serveCorpusWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('serveCorpusWorker() runs in a worker thread (CorpusPool)');
  // One VM thread per corpus thread: the corpus threads already share the cores between them.
  const bodies = vmModuleBodies(undefined, 1);
  const backend = new VirtualBackend(undefined, undefined, bodies);
  const reply = (message: CorpusReply): void => port.postMessage(message);
  const cache = SpecCache.forThisBuild();
  port.on('message', (request: CorpusRequest) => {
    void handle(request).then(reply, (err: unknown) => reply({ type: 'failed', id: request.id, message: err instanceof Error ? err.message : String(err) }));
  });
  reply({ type: 'ready', id: -1 });

  async function handle(request: CorpusRequest): Promise<CorpusReply> {
    if (request.type === 'load') {
      const items: LoadedItem[] = [];
      for (const file of request.files) {
        try {
          const { spec, text } = await loadScenario(file, cache);
          items.push({ file, spec, text });
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          items.push({ file, error: { fieldPath: err.fieldPath, problem: err.problem, ...(err.line !== undefined ? { line: err.line } : {}) } });
        }
      }
      return { type: 'loaded', id: request.id, items };
    }
    if (request.type === 'stop') {
      await bodies?.stop();
      await backend.stop();
      return { type: 'stopped', id: request.id };
    }
    const scenario: LoadedScenario = request.scenario;
    const { result } = await runOne(scenario, backend);
    return { type: 'result', id: request.id, result };
  }
}
