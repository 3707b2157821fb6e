/**
 * Builds the mocked network of a scenario from its `world` section. Everything that can be
 * computed up front (file bytes, hashes, package JSON, route tables) is computed here, so one
 * request costs a Request object, a map lookup and the encoding.
 */
import type { RequestHandler } from 'msw';
import type { WorldSpec } from '../scenario/schema.ts';
import type { EncodedResponse, RequestRecord, WireRequest, WireResponse } from '../net/wire.ts';
import { encodeResponse, sentBodyBytes } from '../net/encodeResponse.ts';
import { createCodebergHost } from './codebergHost.ts';
import type { Faults } from './faults.ts';
import { createGithubHost } from './githubHost.ts';
import { createGitlabHost } from './gitlabHost.ts';
import { createIndexHost } from './indexHost.ts';
import type { IndexHost } from './indexHost.ts';
import { createPlainHosts } from './plainHosts.ts';
import { createPypiHost } from './pypiHost.ts';
import { RequestLog } from './requestLog.ts';
import { ORIGINAL_URL_HEADER } from './requestUrl.ts';
import { tlsPorts, type TlsPorts } from './tlsPorts.ts';
import { toWireResponse, wireResponse } from './wireResponseHeader.ts';
import type { WorldRoute } from './worldRoute.ts';
import type { World } from './World.ts';

/**
 * The 404 for a request no route answers; the body says what to declare.
 *
 * @example
 * notDeclared('GET', 'https://example.org/x.py').status // 404
 */
export function notDeclared(method: string, url: string): WireResponse {
  return wireResponse(
    404,
    [['Content-Type', 'text/plain; charset=utf-8']],
    `miprig: ${method} ${url} is not declared in the scenario's world; ` +
      'add it under world.http, world.index, world.github/gitlab/codeberg or world.pypi, or fix the URL.\n',
  );
}

function fetchRequest(req: WireRequest): Request | undefined {
  const headers = new Headers();
  for (const [name, value] of req.headers) {
    try {
      headers.append(name, value);
    } catch {
      // A header fetch refuses (bad name or value) is still in the log; routing never reads it.
    }
  }
  // Base64: a header value is Latin-1 only, and a client's URL may hold any character.
  headers.set(ORIGINAL_URL_HEADER, Buffer.from(req.url, 'utf8').toString('base64'));
  try {
    return new Request(req.url, { method: req.method, headers });
  } catch {
    return undefined;
  }
}

/** The URL parsed, when a fetch Request accepts it (no credentials); otherwise msw decides, as always. */
function fetchableUrl(url: string): URL | undefined {
  const u = URL.canParse(url) ? new URL(url) : undefined;
  return u && u.username === '' && u.password === '' ? u : undefined;
}

/**
 * What msw would answer with these routes as handlers, asked directly: the first route that owns
 * the (normalised) URL and knows it; a route that does not know it lets the next one try.
 */
function answerFromTables(tables: readonly WorldRoute[], sentUrl: string, url: URL): WireResponse | undefined {
  for (const table of tables) {
    if (!table.owns(url.href)) continue;
    const wire = table.route(sentUrl, url);
    if (wire) return wire;
  }
  return undefined;
}

/** The routes of a world spec, in priority order, its index and its TLS ports. */
interface WorldRoutes {
  routes: WorldRoute[];
  index: IndexHost | undefined;
  tls: TlsPorts;
}

/**
 * Routes hold no per-run state (every table is filled when built and only read afterwards), so
 * worlds of the same spec object share them: `--backend all` runs one scenario on several
 * backends, and building (hashes, package JSON, msw handlers) is ~0.15 ms each time.
 */
const builtRoutes = new WeakMap<WorldSpec, Promise<WorldRoutes>>();

async function buildRoutes(spec: WorldSpec): Promise<WorldRoutes> {
  const index: IndexHost | undefined = spec.index ? await createIndexHost(spec.index) : undefined;
  const [plain, pypi, github, gitlab, codeberg] = await Promise.all([
    createPlainHosts(spec.http),
    createPypiHost(spec.pypi, spec.filesHost),
    createGithubHost(spec.github),
    createGitlabHost(spec.gitlab),
    createCodebergHost(spec.codeberg),
  ]);
  // Most specific first: exact plain URLs may override anything; index before PyPI so that an
  // index under a PyPI-style URL prefix (micropython.org/pi/v2 vs /pi) keeps its namespace.
  return { routes: [...plain, ...(index ? [index.route] : []), ...pypi, ...github, ...gitlab, ...codeberg], index, tls: tlsPorts(spec) };
}

/** The routes as msw handlers, made (and msw loaded) only where msw serves: shared like the routes. */
const builtHandlers = new WeakMap<WorldSpec, Promise<RequestHandler[]>>();

function mswRoutes(spec: WorldSpec, routes: readonly WorldRoute[]): Promise<RequestHandler[]> {
  let handlers = builtHandlers.get(spec);
  if (!handlers) {
    handlers = import('./mswHandlers.ts').then(({ mswHandler }) => routes.map(mswHandler));
    builtHandlers.set(spec, handlers);
  }
  return handlers;
}

/**
 * Build the world of a scenario: the routes of its spec (shared between worlds of the same spec
 * object) plus what changes during a run, the faults' remaining `times` and the request log.
 *
 * @example
 * const world = await createWorld(worldSpec.parse({ index: { packages: { hello: { versions: { '1.0': { files: { 'hello.py': 'x=1' } } } } } } }));
 * const res = await world.exchange({ method: 'GET', url: 'https://micropython.org/pi/v2/package/6/hello/latest.json',
 *   scheme: 'https', host: 'micropython.org', port: 443, path: '/pi/v2/package/6/hello/latest.json',
 *   headers: [['Host', 'micropython.org']], httpVersion: '1.0' });
 * world.log[0].status // 200
 *
 * A GET or HEAD is answered by asking the faults and then each route's table directly, with no
 * fetch Request and Response: the same faults and routes, in the same order, and the same bytes
 * as the msw handlers give — test/world/directWire.test.ts replays every request of every shipped
 * scenario both ways. msw serves everything else (other methods); it is loaded only then, so a
 * run without them never loads it.
 * `viaMsw: true` sends every request through msw (the replay test's other side).
 */
export async function createWorld(spec: WorldSpec, options: { viaMsw?: boolean } = {}): Promise<World> {
  let built = builtRoutes.get(spec);
  if (!built) {
    built = buildRoutes(spec);
    builtRoutes.set(spec, built);
  }
  const { routes, index, tls } = await built;
  // Faults only for a world that declares some.
  let faults: Faults | undefined;
  if (spec.faults.length > 0) {
    const { createFaults } = await import('./faults.ts');
    faults = await createFaults(spec.faults, {
      routes: () => mswRoutes(spec, routes),
      indexFileUrls(pkg, path) {
        if (!index) throw new Error(`a fault's on.indexFile names package "${pkg}", but the world has no index; declare world.index`);
        return index.fileUrls(pkg, path);
      },
    });
  }
  const handlers = async (): Promise<RequestHandler[]> => {
    const [faultHandler, own] = await Promise.all([faults?.handler(), mswRoutes(spec, routes)]);
    return faultHandler ? [faultHandler, ...own] : own;
  };
  const log = new RequestLog();
  const direct = !options.viaMsw;

  return {
    handlers,
    strict: spec.strict,
    log: log.records,
    resolves: (host) => faults?.resolves(host) ?? true,
    unmatched: () => log.unmatched(),
    async exchange(req: WireRequest): Promise<EncodedResponse> {
      // A plain request to a TLS port never reaches HTTP routing: the TLS server resets it (tlsPorts.ts).
      if (req.scheme === 'http' && tls.speaksTls(req.host, req.port)) {
        log.record({ method: req.method, url: req.url, status: 0, noResponse: 'reset', bytes: 0, headers: req.headers, matched: true });
        return { bytes: new Uint8Array(0), end: 'reset' };
      }
      let answer: WireResponse | undefined;
      const url = direct && (req.method === 'GET' || req.method === 'HEAD') ? fetchableUrl(req.url) : undefined;
      if (url) {
        const normal = () => answerFromTables(routes, req.url, url);
        answer = faults?.answer(req.url, url, normal) ?? normal();
      } else {
        const request = fetchRequest(req);
        const { getResponse } = await import('msw');
        const response = request ? await getResponse(await handlers(), request) : undefined;
        answer = response ? await toWireResponse(response) : undefined;
      }
      const wire = answer ?? notDeclared(req.method, req.url);
      const record: RequestRecord = {
        method: req.method,
        url: req.url,
        status: wire.noResponse ? 0 : wire.status,
        bytes: sentBodyBytes(wire),
        headers: req.headers,
        matched: answer !== undefined,
      };
      if (wire.noResponse) record.noResponse = wire.noResponse;
      log.record(record);
      return encodeResponse(wire);
    },
  };
}
