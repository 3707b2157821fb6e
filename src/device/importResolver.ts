/**
 * `import name` as MicroPython resolves it, per era (py/builtinimport.c at v1.17, v1.19.1, v1.22.2):
 *
 * - v1.21+: sys.modules (ignored when sys.path is empty) → non-extensible built-in / `usys` /
 *   `u`+extensible alias → sys.path search → extensible built-in → ImportError. Built-ins are not
 *   stored in sys.modules; a module whose loading failed is removed again.
 * - v1.18–v1.20: sys.modules or exact registered (u-)name; the search still runs (it fixes the
 *   path sub-modules are found under); weak link `u`+name after a failed search; empty sys.path
 *   searches the bare name relative to cwd; a failed module stays in sys.modules.
 * - v1.12–v1.17: as v1.18–v1.20, but every stat asks the frozen table first with the raw path, so
 *   frozen modules are reached only through `''` (or an empty path), where they beat cwd files.
 *
 * In each sys.path entry: directory (package, or namespace package without `__init__`) →
 * `.py` → `.mpy`, with plain string concatenation (`entry + '/' + name`, just `name` for `''`).
 * The first entry with a hit wins even if loading then fails. Paths starting with `.frozen/`
 * (v1.18+) are looked up in the frozen table only.
 *
 * Module bodies are never executed (we do not run Python): a found `.py` always "loads"; a found
 * `.mpy` is checked by its header only. Built-in sub-packages held in ROM globals are not modelled
 * (a dotted name under a built-in is an ImportError).
 */
import type { ImportOrigin, ImportResult } from './Device.ts';
import { PyException } from '../py/PyException.ts';
import { atLeast } from '../scenario/version.ts';
import type { Version } from '../scenario/version.ts';
import { checkMpyHeader } from '../mpy/mpyHeader.ts';
import type { MpyTarget } from '../mpy/mpyHeader.ts';
import type { BuiltinModules } from './builtinModules.ts';
import type { FrozenTable } from './frozenModules.ts';

const FROZEN_PREFIX = '.frozen/';

/** An entry of `sys.modules` (file and frozen modules only; see the era notes above). */
export interface LoadedModule {
  origin: ImportOrigin;
  /** `__path__` of a package (as the import system built it, e.g. `/lib/foo`, `.frozen/asyncio`). */
  packagePath?: string;
}

/** What the resolver reads; the virtual device provides it. */
export interface ImportContext {
  version: Version;
  sysPath: readonly string[];
  fs: { kindOf(path: string): 'file' | 'dir' | undefined; readFile(path: string): Uint8Array };
  frozen: FrozenTable;
  builtins: BuiltinModules;
  /** `sys.modules`, mutated by successful (and, ≤1.20, failed) imports. */
  modules: Map<string, LoadedModule>;
  mpyTarget: MpyTarget;
  /** Terse error builds say `module not found`. */
  terseErrors: boolean;
}

type Era = 'extensible' | 'dotFrozen' | 'rawFrozen';

interface Found {
  kind: 'file' | 'dir';
  /** The path string as the import system built it (with `.frozen/` when frozen, v1.18+). */
  path: string;
  frozen: boolean;
}

/** A successfully imported component: a built-in (not in sys.modules) or a loaded module. */
type Imported = { builtin: string } | LoadedModule;

/**
 * Resolve `import name` (dotted names allowed) and report where the leaf came from.
 *
 * @example
 * resolveImport(ctx, 'mip').origin        // { kind: 'frozen', file: 'mip/__init__.py' }
 * resolveImport(ctx, 'nothere').origin    // { kind: 'error', line: "ImportError: no module named 'nothere'" }
 */
export function resolveImport(ctx: ImportContext, name: string): ImportResult {
  return new Resolver(ctx).run(name);
}

class Resolver {
  private readonly tried: string[] = [];
  private readonly era: Era;

  constructor(private readonly ctx: ImportContext) {
    this.era = atLeast(ctx.version, '1.21') ? 'extensible' : atLeast(ctx.version, '1.18') ? 'dotFrozen' : 'rawFrozen';
  }

  run(name: string): ImportResult {
    if (name === '') return this.fail(new PyException('ValueError'));
    try {
      const parts = name.split('.');
      let outer: Imported | undefined;
      let searchPath = '';
      for (let i = 0; i < parts.length; i++) {
        const full = parts.slice(0, i + 1).join('.');
        const level = parts[i]!;
        const step = this.era === 'extensible' ? this.importModern(full, level, outer) : this.importLegacy(full, level, outer, searchPath);
        outer = step.module;
        searchPath = step.searchPath;
      }
      return { origin: originOf(outer!), tried: this.tried };
    } catch (e) {
      if (e instanceof PyException) return this.fail(e);
      throw e;
    }
  }

  private fail(e: PyException): ImportResult {
    return { origin: { kind: 'error', line: e.line }, tried: this.tried };
  }

  // ------------------------------------------------------------------ v1.21+

  private importModern(full: string, level: string, outer: Imported | undefined): { module: Imported; searchPath: string } {
    const { ctx } = this;
    if (ctx.sysPath.length > 0) {
      const cached = ctx.modules.get(full);
      if (cached) return { module: cached, searchPath: '' };
    }
    let found: Found | undefined;
    if (outer === undefined) {
      const fixed = ctx.builtins.beforeSearch(level);
      if (fixed !== undefined) return { module: { builtin: fixed }, searchPath: '' };
      found = this.searchSysPath(level);
      if (!found) {
        const ext = ctx.builtins.afterSearch(level);
        if (ext !== undefined) return { module: { builtin: ext }, searchPath: '' };
      }
    } else if (!('builtin' in outer) && outer.packagePath !== undefined) {
      found = this.statModule(`${outer.packagePath}/${level}`);
    }
    if (!found) throw this.notFound(full);
    return { module: this.load(full, found, true), searchPath: '' };
  }

  // ------------------------------------------------------------------ v1.12–v1.20

  private importLegacy(
    full: string,
    level: string,
    outer: Imported | undefined,
    searchPath: string,
  ): { module: Imported; searchPath: string } {
    const { ctx } = this;
    let known: Imported | undefined = ctx.modules.get(full);
    if (!known) {
      const builtin = ctx.builtins.beforeSearch(full);
      if (builtin !== undefined) known = { builtin };
    }
    let found: Found | undefined;
    let path: string;
    if (outer === undefined) {
      found = ctx.sysPath.length > 0 ? this.searchSysPath(level) : this.statModule(level);
      path = found?.path ?? this.tried[this.tried.length - 1] ?? level;
      if (!found && !known) {
        const weak = ctx.builtins.afterSearch(level);
        if (weak !== undefined) known = { builtin: weak };
      }
    } else {
      found = this.statModule(`${searchPath}/${level}`);
      path = found?.path ?? this.tried[this.tried.length - 1]!;
    }
    if (known) return { module: known, searchPath: path };
    if (!found) throw this.notFound(full);
    return { module: this.load(full, found, false), searchPath: path };
  }

  // ------------------------------------------------------------------ shared

  private notFound(full: string): PyException {
    return new PyException('ImportError', this.ctx.terseErrors ? 'module not found' : `no module named '${full}'`);
  }

  /** Each sys.path entry in order; the first hit ends the search. */
  private searchSysPath(level: string): Found | undefined {
    for (const entry of this.ctx.sysPath) {
      const found = this.statModule(entry === '' ? level : `${entry}/${level}`);
      if (found) return found;
    }
    return undefined;
  }

  /** `P` as a directory, then `P.py`, then `P.mpy`. */
  private statModule(base: string): Found | undefined {
    const dir = this.stat(base);
    if (dir?.kind === 'dir') return dir;
    return this.statPyOrMpy(`${base}.py`);
  }

  private statPyOrMpy(pyPath: string): Found | undefined {
    const py = this.stat(pyPath);
    if (py?.kind === 'file') return py;
    const mpy = this.stat(`${pyPath.slice(0, -3)}.mpy`);
    return mpy?.kind === 'file' ? mpy : undefined;
  }

  private stat(path: string): Found | undefined {
    this.tried.push(path);
    const { frozen, fs } = this.ctx;
    if (this.era === 'rawFrozen') {
      const f = frozen.stat(path);
      if (f) return { kind: f, path, frozen: true };
    } else if (path.startsWith(FROZEN_PREFIX)) {
      const f = frozen.stat(path.slice(FROZEN_PREFIX.length));
      return f ? { kind: f, path, frozen: true } : undefined;
    }
    const k = fs.kindOf(path);
    return k ? { kind: k, path, frozen: false } : undefined;
  }

  /**
   * Create the module (registered in sys.modules first), then "execute" it: a package's
   * `__init__`, or the file. A rejected `.mpy` unregisters it (v1.21+) or leaves it half-built.
   */
  private load(full: string, found: Found, unregisterOnError: boolean): LoadedModule {
    const { modules } = this.ctx;
    let module: LoadedModule;
    let file: Found | undefined;
    if (found.kind === 'dir') {
      file = this.statPyOrMpy(`${found.path}/__init__.py`);
      module = {
        origin: file ? this.fileOrigin(file) : { kind: 'namespace', path: found.path },
        packagePath: found.path,
      };
    } else {
      file = found;
      module = { origin: this.fileOrigin(found) };
    }
    modules.set(full, module);
    if (file && !file.frozen && file.path.endsWith('.mpy')) {
      const error = checkMpyHeader(this.ctx.fs.readFile(file.path), this.ctx.mpyTarget);
      if (error) {
        if (unregisterOnError) modules.delete(full);
        // ≤1.20 keeps the empty shell: `__file__` is only set once the code loaded, so the module
        // has `__name__` (and a package its `__path__`) only — to a probe a file module looks like
        // a built-in, a package like a namespace package (verified 1.19/1.20).
        else modules.set(full, shellOf(full, module));
        throw error;
      }
    }
    return module;
  }

  private fileOrigin(found: Found): ImportOrigin {
    if (!found.frozen) return { kind: 'file', file: found.path };
    const name = found.path.startsWith(FROZEN_PREFIX) ? found.path.slice(FROZEN_PREFIX.length) : found.path;
    return { kind: 'frozen', file: name };
  }
}

/** The half-initialised module ≤1.20 leaves in sys.modules after its code failed to load. */
function shellOf(full: string, module: LoadedModule): LoadedModule {
  return module.packagePath === undefined
    ? { origin: { kind: 'builtin', name: full } }
    : { origin: { kind: 'namespace', path: module.packagePath }, packagePath: module.packagePath };
}

function originOf(module: Imported): ImportOrigin {
  return 'builtin' in module ? { kind: 'builtin', name: module.builtin } : module.origin;
}
