import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Installer sources given with `--installer-src`, ready to go on a VM's path. */
export interface InstallerSource {
  /** The folder given. */
  dir: string;
  /** Files by path relative to the folder they go on `sys.path` as (`mip/__init__.py`, `requests/__init__.py`). */
  files: Map<string, Uint8Array>;
  /** The modules found (`mip`, `requests`, …). */
  modules: string[];
  /** mip's version from micropython-lib's `manifest.py` (`metadata(version=…)`), when there is one. */
  mipVersion: string | undefined;
  /** `git <commit>` of the checkout, or `sha256 <hash>` of the files taken. */
  identity: string;
}

/**
 * Where each installer module lives in a micropython-lib checkout, newest layout first; a folder
 * that holds the modules itself (`DIR/mip/`, `DIR/requests.py`) works too. The first match is
 * taken, then every `extra` folder present is merged into it (`mip-cmdline` adds mip's
 * `__main__.py`, which `micropython -m mip` runs; the unix port freezes both).
 */
const EXTRA: Record<string, string[]> = { mip: ['micropython/mip-cmdline/mip'] };

const LAYOUT: Record<string, string[]> = {
  mip: ['micropython/mip/mip', 'micropython/mip/mip.py', 'mip', 'mip.py'],
  requests: ['python-ecosys/requests/requests', 'python-ecosys/requests/requests.py', 'requests', 'requests.py'],
  urequests: ['python-ecosys/urequests/urequests.py', 'urequests.py'],
  upip: ['upip.py'],
  // mip's command line (mip-cmdline) needs argparse, which the unix port freezes beside it.
  argparse: ['python-stdlib/argparse/argparse.py', 'argparse.py'],
};

/**
 * Read the installer modules of a folder (a micropython-lib checkout, or any folder holding
 * `mip`/`requests`/`upip`): one clear error naming the folder when it holds none.
 *
 * @example
 * const src = readInstallerSource('/src/micropython-lib');
 * src.modules;   // ['mip', 'requests']
 * src.identity;  // 'git 3e859d2…'
 */
export function readInstallerSource(dir: string): InstallerSource {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`--installer-src ${dir}: no such folder; pass a micropython-lib checkout or a folder holding mip/requests`);
  const files = new Map<string, Uint8Array>();
  const modules: string[] = [];
  for (const [module, candidates] of Object.entries(LAYOUT)) {
    const found = candidates.map((c) => path.join(root, c)).find((p) => existsSync(p));
    if (!found) continue;
    modules.push(module);
    if (statSync(found).isDirectory()) {
      for (const dir of [found, ...(EXTRA[module] ?? []).map((e) => path.join(root, e)).filter((e) => existsSync(e))]) {
        for (const name of readdirSync(dir, { recursive: true }) as string[]) {
          const full = path.join(dir, name);
          if (name.endsWith('.py') && statSync(full).isFile()) files.set(`${module}/${name}`, readFileSync(full));
        }
      }
    } else {
      files.set(`${module}.py`, readFileSync(found));
    }
  }
  if (!modules.some((m) => m !== 'argparse')) throw new Error(`--installer-src ${dir}: holds no mip, requests, urequests or upip sources; pass a micropython-lib checkout`);
  const manifest = path.join(root, 'micropython/mip/manifest.py');
  const mipVersion = existsSync(manifest) ? /metadata\([^)]*version\s*=\s*"([^"]+)"/.exec(readFileSync(manifest, 'utf8'))?.[1] : undefined;
  return { dir: root, files, modules, mipVersion, identity: gitCommit(root) ?? contentHash(files) };
}

function gitCommit(dir: string): string | undefined {
  try {
    const head = readFileSync(path.join(dir, '.git/HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return `git ${head.slice(0, 12)}`;
    const ref = path.join(dir, '.git', head.slice(5));
    if (existsSync(ref)) return `git ${readFileSync(ref, 'utf8').trim().slice(0, 12)}`;
    const packed = readFileSync(path.join(dir, '.git/packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(` ${head.slice(5)}`));
    return packed ? `git ${packed.slice(0, 12)}` : undefined;
  } catch {
    return undefined;
  }
}

function contentHash(files: Map<string, Uint8Array>): string {
  const hash = createHash('sha256');
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(name).update('\0').update(bytes);
  return `sha256 ${hash.digest('hex').slice(0, 12)}`;
}
