// The urllib model (src/net/urllibClient.ts, what mpremote mip downloads with) checked against
// CPython's own urllib.request on the same world and the same loopback server: body or error,
// and the requests the world logged, for the server behaviours mpremote meets.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { HttpError, UrlError, urlopenRead } from '../../src/net/urllibClient.ts';
import { PyException } from '../../src/py/PyException.ts';
import { createWorld } from '../../src/world/createWorld.ts';

const python = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
const version = python.status === 0 ? python.stdout.trim() : undefined;
const NEEDS = version ? '' : ' (skipped: needs python3 on PATH)';
const PROBE = new URL('./urllib_probe.py', import.meta.url).pathname;

/** A world of plain-HTTP routes and faults, as a scenario declares them. */
const WORLDS: Record<string, string> = {
  'a plain 200': `http: { "http://example.com/a.py": "X = 1\\n" }`,
  'a chunked body': `http: { "http://example.com/a.py": "X = 1\\n" }\nfaults: [{ on: { url: "http://example.com/a.py" }, chunked: true }]`,
  'a relative redirect': `http: { "http://example.com/new/a.py": "X = 2\\n" }\nfaults: [{ on: { url: "http://example.com/a.py" }, redirect: { location: /new/a.py, status: 302 } }]`,
  'a 308 redirect': `http: { "http://example.com/new/a.py": "X = 3\\n" }\nfaults: [{ on: { url: "http://example.com/a.py" }, redirect: { location: "http://example.com/new/a.py", status: 308 } }]`,
  'a redirect loop': `http: { "http://example.com/a.py": "X\\n" }\nfaults: [{ on: { url: "http://example.com/a.py" }, redirect: { location: "http://example.com/a.py", status: 302 } }]`,
  'a 404': `http: { "http://example.com/a.py": { status: 404, body: "no\\n" } }`,
  'a 500': `http: { "http://example.com/a.py": { status: 500, body: "boom\\n" } }`,
  'a body cut short of its Content-Length': `http: { "http://example.com/a.py": "0123456789" }\nfaults: [{ on: { url: "http://example.com/a.py" }, truncateAt: 4 }]`,
  'no Content-Length, closed after the body': `http: { "http://example.com/a.py": "X = 1\\n" }\nfaults: [{ on: { url: "http://example.com/a.py" }, contentLength: omit }]`,
  'a close before any byte': `http: { "http://example.com/a.py": "X = 1\\n" }\nfaults: [{ on: { url: "http://example.com/a.py" }, closeWithoutResponse: true }]`,
};

function worldSpec(body: string) {
  return parseScenario(`name: w\nworld:\n  strict: false\n  ${body.replace(/\n/g, '\n  ')}\nsteps: [{ import: sys }]\n`, 'w.yaml').spec.world;
}

/** What the model gives, in the probe's terms. */
async function model(world: Awaited<ReturnType<typeof createWorld>>, url: string): Promise<Record<string, unknown>> {
  try {
    return { body: Buffer.from(await urlopenRead(url, world, version)).toString('latin1') };
  } catch (err) {
    if (err instanceof HttpError) return { http_error: err.status };
    if (err instanceof UrlError) return { url_error: err.reason };
    if (err instanceof PyException) return { exception: err.line };
    throw err;
  }
}

describe(`the urllib model agrees with CPython's urllib${NEEDS}`, () => {
  const servers: LoopbackServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.stop())));
  for (const [name, body] of Object.entries(WORLDS)) {
    it.skipIf(!version)(name, async () => {
      const spec = worldSpec(body);
      const real = await createWorld(spec);
      const server = new LoopbackServer(real);
      servers.push(server);
      const { httpPort } = await server.start();
      // Asynchronously: the loopback server answering CPython lives on this event loop.
      const r = await promisify(execFile)('python3', [PROBE, String(httpPort), 'http://example.com/a.py'], { encoding: 'utf8', timeout: 20_000 });
      expect(r.stderr).toBe('');
      const cpython = JSON.parse(r.stdout) as Record<string, unknown>;
      const ours = await createWorld(spec);
      const observed = await model(ours, 'http://example.com/a.py');
      // CPython names http.client's exceptions by module: the model prints them the same way.
      expect(observed).toEqual(cpython);
      expect(ours.log.map((l) => `${l.method} ${l.url} ${l.status}`)).toEqual(real.log.map((l) => `${l.method} ${l.url} ${l.status}`));
    });
  }
});
