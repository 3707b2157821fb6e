import type { ScenarioSpec } from '../../src/scenario/schema.ts';
import type { ScenarioResult } from '../ScenarioResult.ts';

/** A file as a corpus worker loaded it: the scenario, or the ScenarioError's parts. */
export type LoadedItem =
  | { file: string; spec: ScenarioSpec; text: string }
  | { file: string; error: { fieldPath: string; problem: string; line?: number } };

/** What the main thread asks a corpus worker (each with an id its answer carries). */
export type CorpusRequest =
  | { type: 'load'; id: number; files: string[] }
  | { type: 'run'; id: number; scenario: { file: string; spec: ScenarioSpec; text: string } }
  | { type: 'stop'; id: number };

/** A corpus worker's answers. */
export type CorpusReply =
  | { type: 'ready'; id: -1 }
  | { type: 'loaded'; id: number; items: LoadedItem[] }
  | { type: 'result'; id: number; result: ScenarioResult }
  | { type: 'stopped'; id: number }
  | { type: 'failed'; id: number; message: string };
