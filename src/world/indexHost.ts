/**
 * A micropython-lib package index, v2 layout, as micropython-lib `tools/build.py` writes it
 * and a static web server serves it.
 *
 * | Route (under `index.url`)                    | Answer                                                                  |
 * |----------------------------------------------|-------------------------------------------------------------------------|
 * | `/package/{tree}/{name}/{version}.json`      | 200 `application/json`: `{"v":1,"hashes":[[path,hash]…],"version":"x"}` + `\n` |
 * | `/package/{tree}/{name}/latest.json`         | the same for `latest` (spec `latest`, else the highest version)        |
 * | `/file/{hash[:2]}/{hash}`                    | 200 `application/octet-stream`: the file bytes                         |
 * | `/index.json`                                | 200 `application/json`: `{"packages":[…],"v":2,"updated":N}`, indent 2 |
 * | anything else under `index.url`              | 404, nginx's HTML page (the index owns its namespace: counted matched)  |
 *
 * How build.py computes it, and how this module follows:
 * - `hash` = first `hashPrefix` hex digits of the sha256 of the bytes served; a different file
 *   with the same prefix fails the build ("Try increasing --hash-prefix"), and so does `createIndexHost`.
 * - Package JSON is minified (`separators=(",", ":")`, ensure_ascii) with a trailing newline,
 *   keys `v`, `hashes`, `version` in that order; no `deps`/`urls`: `require()`d packages are
 *   flattened into `hashes` (each package once, `require` before the package's own files, as
 *   micropython-lib manifests are written; `deps` entries are `name` or `name@version`).
 * - In a bytecode tree (`6`, any numeric tree) every `.py` file becomes `{stem}.mpy`, including
 *   `__init__.py`; build.py rejects any other file type, here such files are served as they are.
 *   The `.mpy` bytes come from `buildMpy` with mpy-cross defaults, the tree's number as version
 *   and the target path as the stored source name (build.py's `src_path`).
 * - The `py` tree serves the sources. NOT modelled: build.py's `tagged_py_file` appends
 *   `\n\n__version__ = '{version}'\n` to each source; here sources are served byte for byte.
 * - `index.json` packages are sorted by name; each is `name, version, author, description,
 *   license, versions {"py": […], "6": […]}, path`; `updated` is a fixed time so runs repeat.
 */
import type { z } from 'zod';
import type { indexSpec, indexVersionSpec } from '../scenario/schema.ts';
import type { WireResponse } from '../net/wire.ts';
import { buildMpy } from '../mpy/buildMpy.ts';
import { DEFAULT_MPY, materialize } from '../content/materialize.ts';
import { pythonJsonDumps } from './pythonJson.ts';
import { comparePackageVersions, highestVersion } from './packageVersionOrder.ts';
import { sha256Hex } from './sha256.ts';
import { routeKey } from './requestUrl.ts';
import { wireResponse } from './wireResponseHeader.ts';
import { isUnder, worldRoute, type WorldRoute } from './worldRoute.ts';

export type IndexSpec = z.output<typeof indexSpec>;
type IndexVersionSpec = z.output<typeof indexVersionSpec>;

/** `index.json`'s `updated`: fixed (2025-01-01T00:00:00Z) so that runs are reproducible. */
export const INDEX_UPDATED = 1735689600;

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];
const BINARY_TYPE: [string, string] = ['Content-Type', 'application/octet-stream'];
const NGINX_404 =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The index as built, for the world and for tests. */
export interface IndexHost {
  /** The index URL without trailing slashes, e.g. `https://micropython.org/pi/v2`. */
  readonly url: string;
  readonly route: WorldRoute;
  /** The trees served, e.g. `['6', 'py']`. */
  readonly trees: readonly string[];
  /** The version `latest.json` stands for, per package. */
  latestVersion(name: string): string;
  /** `[path, hash]` entries of `/package/{tree}/{name}/{version}.json`. */
  hashes(tree: string, name: string, version: string): Array<[string, string]>;
  /**
   * Every `/file/..` URL serving `path` (source path or compiled `.mpy` path) in the latest
   * version of `name`, one per tree. Throws when the package has no such file.
   */
  fileUrls(name: string, path: string): string[];
}

/** A file of a package as the manifest lists it: target path and source bytes. */
type SourceFile = [path: string, bytes: Uint8Array];

function isBytecodeTree(tree: string): boolean {
  return /^\d+$/.test(tree);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Build the index described by `spec`: every package JSON, file and `index.json`, ready to serve.
 *
 * @example
 * const index = await createIndexHost(indexSpec.parse({ packages: { hello: { versions: { '1.0': { files: { 'hello.py': 'x=1' } } } } } }));
 * index.hashes('py', 'hello', 'latest') // [['hello.py', '<8 hex digits>']]
 */
export async function createIndexHost(spec: IndexSpec): Promise<IndexHost> {
  const base = new URL(spec.url.replace(/\/+$/, '')).href.replace(/\/+$/, '');
  const packages = spec.packages;

  // Source bytes of every package version.
  const sources = new Map<string, Map<string, SourceFile[]>>();
  await Promise.all(
    Object.entries(packages).map(async ([name, pkg]) => {
      const versions = new Map<string, SourceFile[]>();
      sources.set(name, versions);
      for (const [version, v] of Object.entries(pkg.versions)) {
        versions.set(version, await Promise.all(Object.entries(v.files).map(async ([p, c]): Promise<SourceFile> => [p, await materialize(c)])));
      }
    }),
  );

  const latest = new Map<string, string>();
  for (const [name, pkg] of Object.entries(packages)) {
    const versions = Object.keys(pkg.versions);
    const chosen = pkg.latest ?? highestVersion(versions);
    if (chosen === undefined) throw new Error(`world.index.packages.${name} has no versions; declare at least one under "versions"`);
    if (!pkg.versions[chosen]) {
      throw new Error(`world.index.packages.${name}.latest is "${chosen}", which is not one of its versions (${versions.join(', ')})`);
    }
    latest.set(name, chosen);
  }

  const versionSpec = (name: string, version: string): IndexVersionSpec => packages[name]!.versions[version]!;

  /** Files of `name@version` with its require()d packages flattened in, as build.py's manifest gives them. */
  function flatten(name: string, version: string, visited: Set<string>): SourceFile[] {
    const out: SourceFile[] = [];
    for (const dep of versionSpec(name, version).deps) {
      const at = dep.indexOf('@');
      const depName = at < 0 ? dep : dep.slice(0, at);
      if (!packages[depName]) {
        throw new Error(
          `world.index.packages.${name}.versions.${version}.deps names "${depName}", which is not an index package (declared: ${Object.keys(packages).join(', ')})`,
        );
      }
      const depVersion = at < 0 ? latest.get(depName)! : dep.slice(at + 1);
      if (!packages[depName]!.versions[depVersion]) {
        throw new Error(`world.index.packages.${name}.versions.${version}.deps asks for ${depName} version "${depVersion}", which is not declared`);
      }
      // manifestfile.py includes each manifest once, so diamonds and cycles flatten to one copy.
      if (visited.has(depName)) continue;
      visited.add(depName);
      out.push(...flatten(depName, depVersion, visited));
    }
    out.push(...sources.get(name)!.get(version)!);
    return out;
  }

  const routes = new Map<string, WireResponse>();
  const servedFiles = new Map<string, Uint8Array>(); // hash prefix → bytes
  const hashTable = new Map<string, Array<[string, string]>>(); // tree/name/version → hashes
  /** Per tree/name/version: source path → served path, for fileUrls. */
  const servedPaths = new Map<string, Array<[source: string, served: string, hash: string]>>();

  const fileUrl = (hash: string): string => `${base}/file/${hash.slice(0, 2)}/${hash}`;
  const addRoute = (url: string, wire: WireResponse): void => void routes.set(routeKey(url), wire);

  for (const tree of spec.mpyTrees) {
    const bytecode = isBytecodeTree(tree) ? Number(tree) : undefined;
    for (const [name, pkg] of Object.entries(packages)) {
      for (const version of Object.keys(pkg.versions)) {
        const hashes: Array<[string, string]> = [];
        const paths: Array<[string, string, string]> = [];
        for (const [source, bytes] of flatten(name, version, new Set([name]))) {
          const compile = bytecode !== undefined && source.endsWith('.py');
          const served = compile ? source.slice(0, -2) + 'mpy' : source;
          // build.py passes src_path=target_path to mpy-cross, which stores it in the .mpy.
          const content = compile ? buildMpy({ ...DEFAULT_MPY, version: bytecode, sourceName: source }) : bytes;
          const hash = sha256Hex(content).slice(0, spec.hashPrefix);
          const existing = servedFiles.get(hash);
          if (existing && !sameBytes(existing, content)) {
            throw new Error(
              `world.index: hash collision on prefix ${hash} (${name} ${version}, ${served} in tree ${tree}); increase world.index.hashPrefix (now ${spec.hashPrefix})`,
            );
          }
          if (!existing) {
            servedFiles.set(hash, content);
            addRoute(fileUrl(hash), wireResponse(200, [BINARY_TYPE], content));
          }
          hashes.push([served, hash]);
          paths.push([source, served, hash]);
        }
        hashTable.set(`${tree}/${name}/${version}`, hashes);
        servedPaths.set(`${tree}/${name}/${version}`, paths);
        const json = pythonJsonDumps({ v: 1, hashes, version }, { separators: [',', ':'] }) + '\n';
        addRoute(`${base}/package/${tree}/${name}/${version}.json`, wireResponse(200, [JSON_TYPE], json));
        if (version === latest.get(name)) {
          hashTable.set(`${tree}/${name}/latest`, hashes);
          servedPaths.set(`${tree}/${name}/latest`, paths);
          addRoute(`${base}/package/${tree}/${name}/latest.json`, wireResponse(200, [JSON_TYPE], json));
        }
      }
    }
  }

  addRoute(`${base}/index.json`, wireResponse(200, [JSON_TYPE], indexJson(spec, latest) + '\n'));
  const notFound = wireResponse(404, [['Content-Type', 'text/html']], NGINX_404);

  return {
    url: base,
    trees: spec.mpyTrees,
    route: worldRoute(
      (url) => isUnder(url, base),
      (_request, url) => routes.get(routeKey(url)) ?? notFound,
    ),
    latestVersion(name) {
      const v = latest.get(name);
      if (v === undefined) throw new Error(`index package "${name}" is not declared (declared: ${[...latest.keys()].join(', ')})`);
      return v;
    },
    hashes(tree, name, version) {
      const h = hashTable.get(`${tree}/${name}/${version}`);
      if (!h) throw new Error(`index has no package ${tree}/${name}/${version}.json (trees: ${spec.mpyTrees.join(', ')})`);
      return h;
    },
    fileUrls(name, path) {
      const urls = new Set<string>();
      for (const tree of spec.mpyTrees) {
        for (const [source, served, hash] of servedPaths.get(`${tree}/${name}/latest`) ?? []) {
          if (source === path || served === path) urls.add(fileUrl(hash));
        }
      }
      if (urls.size === 0) {
        const known = (servedPaths.get(`${spec.mpyTrees[0]}/${name}/latest`) ?? []).map(([s]) => s);
        throw new Error(`index package "${name}" has no file "${path}" in its latest version (files: ${known.join(', ') || 'none; is the package declared?'})`);
      }
      return [...urls];
    },
  };
}

/** `index.json` text (without the trailing newline) as build.py writes it with indent=2. */
function indexJson(spec: IndexSpec, latest: Map<string, string>): string {
  const names = Object.keys(spec.packages).sort();
  const trees = [...spec.mpyTrees].sort((a, b) => (a === 'py' ? -1 : b === 'py' ? 1 : 0));
  const packages = names.map((name) => {
    const pkg = spec.packages[name]!;
    const version = latest.get(name)!;
    const meta = pkg.versions[version]!;
    const all = Object.keys(pkg.versions).sort(comparePackageVersions);
    return new Map<string, unknown>([
      ['name', name],
      ['version', version],
      ['author', meta.author],
      ['description', meta.description],
      ['license', meta.license || 'MIT'],
      ['versions', new Map(trees.map((t) => [t, all]))],
      ['path', `micropython/${name}`],
    ]);
  });
  // build.py starts from {"packages": []} and then sets "v" and "updated".
  return pythonJsonDumps(new Map<string, unknown>([['packages', packages], ['v', 2], ['updated', INDEX_UPDATED]]), { indent: 2 });
}
