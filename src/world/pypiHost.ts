/**
 * PyPI-style JSON indexes (`world.pypi`) and the host serving their release files
 * (`world.filesHost`), as upip and micropip read them.
 *
 * | Route                                     | Answer                                                                 |
 * |-------------------------------------------|------------------------------------------------------------------------|
 * | `{pypi.url}/{name}/json`                  | 200 `application/json`: `{"info":{"name":…,"version":…},"releases":{ver:[{"url","filename","packagetype","size","digests":{"md5","sha256"}}]}}` |
 * | anything else under `{pypi.url}`          | 404 `application/json` `{"message": "Not Found"}` (the index owns its namespace) |
 * | `{filesHost}/{h[0:2]}/{h[2:4]}/{h[4:]}/{filename}` | 200, the release file; `h` = sha256 of its bytes (PyPI's path shape) |
 * | a release file's own `url`                | 200, the release file                                                  |
 * | anything else under `{filesHost}`         | 404 `text/plain` `Not Found`                                           |
 *
 * `info.version` is the package's `version`, else the highest release. Default file names:
 * `{name}-{version}.tar.gz` (sdist), `{name_}-{version}-py3-none-any.whl` (wheel).
 */
import type { z } from 'zod';
import type { pypiIndexSpec } from '../scenario/schema.ts';
import type { WireResponse } from '../net/wire.ts';
import { contentTypeFor } from './contentType.ts';
import { materialize } from '../content/materialize.ts';
import { highestVersion } from './packageVersionOrder.ts';
import { pythonJsonDumps } from './pythonJson.ts';
import { routeKey } from './requestUrl.ts';
import { md5Hex, sha256Hex } from './sha256.ts';
import { wireResponse } from './wireResponseHeader.ts';
import { isUnder, worldRoute, type WorldRoute } from './worldRoute.ts';

export type PypiIndexSpec = z.output<typeof pypiIndexSpec>;

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

function defaultFilename(name: string, version: string, packagetype: string): string {
  return packagetype === 'bdist_wheel' ? `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl` : `${name}-${version}.tar.gz`;
}

/**
 * The msw handlers for every PyPI-style index and for the files host.
 *
 * @example
 * const handlers = await createPypiHost([{ url: 'https://pypi.org/pypi', packages: { x: { releases: { '1.0': [{ content: 'abc', packagetype: 'sdist' }] } } } }],
 *   'https://files.pythonhosted.org/packages');
 */
export async function createPypiHost(indexes: PypiIndexSpec[], filesHost: string): Promise<WorldRoute[]> {
  if (indexes.length === 0) return [];
  const filesBase = filesHost.replace(/\/+$/, '');
  const files = new Map<string, WireResponse>();
  const handlers: WorldRoute[] = [];

  for (const index of indexes) {
    const base = index.url.replace(/\/+$/, '');
    const documents = new Map<string, WireResponse>();
    for (const [name, pkg] of Object.entries(index.packages)) {
      const releases = new Map<string, unknown>();
      for (const [version, list] of Object.entries(pkg.releases)) {
        const entries = [];
        for (const file of list) {
          const bytes = await materialize(file.content);
          const sha256 = sha256Hex(bytes);
          const filename = file.filename ?? defaultFilename(name, version, file.packagetype);
          const url = file.url ?? `${filesBase}/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256.slice(4)}/${filename}`;
          files.set(routeKey(url), wireResponse(200, [['Content-Type', contentTypeFor(url)]], bytes));
          entries.push(
            new Map<string, unknown>([
              ['url', url],
              ['filename', filename],
              ['packagetype', file.packagetype],
              ['size', bytes.length],
              ['digests', new Map([['md5', md5Hex(bytes)], ['sha256', sha256]])],
            ]),
          );
        }
        releases.set(version, entries);
      }
      const info = new Map([['name', name], ['version', pkg.version ?? highestVersion(releases.keys()) ?? '']]);
      const body = pythonJsonDumps(new Map<string, unknown>([['info', info], ['releases', releases]]), { separators: [',', ':'] });
      documents.set(routeKey(`${base}/${name}/json`), wireResponse(200, [JSON_TYPE], body));
    }
    const notFound = wireResponse(404, [JSON_TYPE], '{"message": "Not Found"}');
    handlers.push(worldRoute((u) => isUnder(u, base), (_request, url) => documents.get(routeKey(url)) ?? notFound));
  }

  const filesNotFound = wireResponse(404, [['Content-Type', 'text/plain']], 'Not Found');
  const fileOrigins = new Set([...files.keys()].map((k) => new URL(k).origin + '/'));
  handlers.push(
    worldRoute(
      (u) => {
        if (isUnder(u, filesBase)) return true;
        for (const o of fileOrigins) if (u.startsWith(o)) return true;
        return false;
      },
      (_request, url) => files.get(routeKey(url)) ?? (isUnder(url.href, filesBase) ? filesNotFound : undefined),
    ),
  );
  return handlers;
}
