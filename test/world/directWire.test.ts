// Issue "Real binaries as they are", item 10: the world may answer GET/HEAD from the route tables
// directly (no fetch Request/Response per request, msw not loaded) only if the bytes are identical
// to what the msw handlers give. Every request every shipped scenario makes (as the virtual device runs it,
// pinned to each version the binaries cover) is replayed through both kinds of world, in order.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { vmModuleBodies } from '../../harness/vm/vmModuleBodies.ts';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { loadAll } from '../../harness/cli/loadAll.ts';
import { createWorld } from '../../src/world/createWorld.ts';
import type { WireRequest } from '../../src/net/wire.ts';
import { worldSpec } from '../../src/scenario/schema.ts';

const scenarios = await loadAll(['scenarios']);
// As the CLI runs them: module bodies the model cannot know run on a MicroPython VM.
const bodies = vmModuleBodies();
afterAll(() => bodies?.stop());
const VERSIONS = [undefined, '1.19.1', '1.20.0', '1.22.2', '1.24.1', '1.27.0'];

let replayed = 0;

describe('direct answers from the route tables equal the msw handlers, byte for byte', () => {
  for (const scenario of scenarios) {
    it(scenario.file, async () => {
      for (const version of VERSIONS) {
        const backend = new VirtualBackend(version, undefined, bodies);
        if (backend.skipReason(scenario) !== undefined) continue;
        const obs = await backend.run(scenario);
        const viaMsw = await createWorld(scenario.spec.world, { viaMsw: true });
        const direct = await createWorld(scenario.spec.world);
        for (const record of obs.requests) {
          const url = new URL(record.url);
          const request: WireRequest = {
            method: record.method,
            url: record.url,
            scheme: url.protocol === 'https:' ? 'https' : 'http',
            host: url.hostname,
            port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
            path: url.pathname + url.search,
            headers: record.headers,
            httpVersion: '1.0',
          };
          const [a, b] = [await viaMsw.exchange(request), await direct.exchange(request)];
          expect({ bytes: Buffer.from(b.bytes).toString('latin1'), end: b.end }).toEqual({ bytes: Buffer.from(a.bytes).toString('latin1'), end: a.end });
          replayed++;
        }
        expect(direct.log).toEqual(viaMsw.log);
      }
    });
  }
  it('the replay covered the corpus (hundreds of requests, not a handful)', () => {
    expect(replayed).toBeGreaterThan(500);
  });
});

describe('the direct path is taken where it applies, and only there', () => {
  const spec = scenarios.find((s) => s.file.endsWith('mip/index-latest.yaml'))!.spec.world;
  const request: WireRequest = {
    method: 'GET',
    url: 'https://micropython.org/pi/v2/package/6/hello/latest.json',
    scheme: 'https',
    host: 'micropython.org',
    port: 443,
    path: '/pi/v2/package/6/hello/latest.json',
    headers: [['Host', 'micropython.org']],
    httpVersion: '1.0',
  };
  /** Make every msw handler of the world fail if asked; returns the undo. */
  async function forbidMsw(world: Awaited<ReturnType<typeof createWorld>>): Promise<() => void> {
    const handlers = await world.handlers();
    const runs = handlers.map((h) => h.run);
    for (const h of handlers) h.run = () => Promise.reject(new Error('msw was asked'));
    return () => handlers.forEach((h, i) => (h.run = runs[i]!));
  }
  it('a world without faults answers without running any msw handler', async () => {
    const world = await createWorld(spec);
    const undo = await forbidMsw(world);
    try {
      const answer = await world.exchange(request);
      expect(Buffer.from(answer.bytes).toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    } finally {
      undo();
    }
  });
  it('with viaMsw, or for a method other than GET and HEAD, msw answers', async () => {
    for (const [world, req] of [
      [await createWorld(spec, { viaMsw: true }), request],
      [await createWorld(spec), { ...request, method: 'POST' }],
    ] as const) {
      const undo = await forbidMsw(world);
      try {
        await expect(world.exchange(req)).rejects.toThrow('msw was asked');
      } finally {
        undo();
      }
    }
  });
  it('a world with faults answers a GET without running any msw handler, its fault applied once', async () => {
    const world = await createWorld(worldSpec.parse({ ...spec, faults: [{ on: { url: request.url }, status: 503, times: 1 }] }));
    const undo = await forbidMsw(world);
    try {
      const statusLine = async () => Buffer.from((await world.exchange(request)).bytes).toString('latin1').split('\r\n')[0];
      expect([await statusLine(), await statusLine()]).toEqual(['HTTP/1.1 503 Service Unavailable', 'HTTP/1.1 200 OK']);
    } finally {
      undo();
    }
  });
  // msw is refused at resolution in a child process: a run that loads it fails there.
  function runRefusingMsw(probe: string) {
    const hooks = `export async function resolve(s, c, next) { if (s === 'msw' || s.startsWith('msw/')) throw new Error('msw was loaded'); return next(s, c); }`;
    const refuse = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`)}`;
    return spawnSync(process.execPath, ['--import', 'tsx', '--import', refuse, '--input-type=module', '-e', probe], { encoding: 'utf8' });
  }
  const virtualRun = (file: string) => `
    const { VirtualBackend } = await import('./harness/backends/VirtualBackend.ts');
    const { loadScenario } = await import('./harness/scenario/loadScenario.ts');
    const obs = await new VirtualBackend().run(await loadScenario(${JSON.stringify(file)}));
    console.log(obs.outcome.kind);
  `;
  it('a virtual run of a fault-free scenario never loads msw', () => {
    const r = runRefusingMsw(virtualRun('scenarios/mip/index-latest.yaml'));
    expect({ status: r.status, stdout: r.stdout.trim() }).toEqual({ status: 0, stdout: 'done' });
  });
  it('nor does a run of a scenario with faults: they are answered directly too', () => {
    const r = runRefusingMsw(virtualRun('scenarios/faults/truncated-body.yaml'));
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });
  it('a request only msw answers (a POST) loads it: the refusal above would catch it', () => {
    const r = runRefusingMsw(`
      const { createWorld } = await import('./src/world/createWorld.ts');
      const { loadScenario } = await import('./harness/scenario/loadScenario.ts');
      const world = await createWorld((await loadScenario('scenarios/mip/index-latest.yaml')).spec.world);
      await world.exchange({ ...${JSON.stringify(request)}, method: 'POST' });
    `);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('msw was loaded');
  });
});
