import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioSpec } from '../../src/scenario/schema.ts';
import { cacheDir } from '../cacheDir.ts';

/** Entries kept: a corpus of this many files still fits; beyond it the oldest go first. */
const MAX_ENTRIES = 20_000;

/**
 * Validated scenario specs of the installed CLI, kept in miprig's cache folder between runs, as
 * its V8 code cache is: parsing and validating YAML was a quarter of a 1 000-scenario run. An
 * entry is keyed by the file's path and exact text, and the whole cache by the CLI bundle's size
 * and time, so a changed file, or another miprig, is parsed again; only files that loaded without
 * error are kept. Only the bundle (the installed `miprig`) uses it: in a checkout the schema's
 * sources change under the developer's hands, and a stale spec would be a wrong answer.
 *
 * @example
 * const cache = SpecCache.forThisBuild();
 * const spec = cache?.get(file, text) ?? parseScenario(text, file).spec;
 * cache?.set(file, text, spec);
 * cache?.save();
 */
export class SpecCache {
  private readonly entries: Map<string, ScenarioSpec>;
  private changed = false;

  private constructor(private readonly file: string) {
    let stored: Record<string, ScenarioSpec> = {};
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ScenarioSpec>;
    } catch {
      // none yet, or unreadable: it only costs parsing
    }
    this.entries = new Map(Object.entries(stored));
  }

  /** The cache of the running bundle, or undefined when miprig runs from its sources or compiled files. */
  static forThisBuild(moduleUrl: string = import.meta.url): SpecCache | undefined {
    if (!moduleUrl.endsWith('.cjs')) return undefined;
    try {
      const bundle = fileURLToPath(moduleUrl);
      const { size, mtimeMs } = statSync(bundle);
      return new SpecCache(path.join(cacheDir(), `scenarios-${process.version}-${size}-${Math.round(mtimeMs)}.json`));
    } catch {
      return undefined;
    }
  }

  /** A cache in a file of the caller's choosing (tests). */
  static at(file: string): SpecCache {
    return new SpecCache(file);
  }

  get(file: string, text: string): ScenarioSpec | undefined {
    return this.entries.get(key(file, text));
  }

  set(file: string, text: string, spec: ScenarioSpec): void {
    const k = key(file, text);
    if (this.entries.has(k)) return;
    this.entries.set(k, spec);
    this.changed = true;
  }

  /** Write it back if anything was added (atomically: a concurrent run keeps a whole file). */
  save(): void {
    if (!this.changed) return;
    const kept = [...this.entries].slice(-MAX_ENTRIES);
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const partial = `${this.file}.${process.pid}`;
      writeFileSync(partial, JSON.stringify(Object.fromEntries(kept)));
      renameSync(partial, this.file);
      this.changed = false;
    } catch {
      // a cache folder that cannot be written only costs the next run its parsing
    }
  }
}

function key(file: string, text: string): string {
  return createHash('sha256').update(path.resolve(file)).update('\0').update(text).digest('base64url');
}
