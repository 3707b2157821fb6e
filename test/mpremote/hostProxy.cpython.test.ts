// mpremote's downloads reach the mocked world through HostProxy: CPython's urllib, as mpremote
// calls it, with only the proxy variables and SSL_CERT_FILE set — https through CONNECT with a
// certificate for the host it asked for (checked with Python 3.13's strict X.509 flags too), plain
// http as an absolute-form request — and nothing answers without the run's CA.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostProxy } from '../../harness/mpremote/HostProxy.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { hostCertificates } from '../../harness/unix/hostCertificates.ts';
import { LoopbackServer } from '../../harness/unix/LoopbackServer.ts';
import { createWorld } from '../../src/world/createWorld.ts';

const hasPython = spawnSync('python3', ['-c', 'import ssl, urllib.request'], { encoding: 'utf8' }).status === 0;
const FETCH = `
import ssl, sys, urllib.request
strict = sys.argv[2] == "strict"
ctx = ssl.create_default_context()
if strict:
    ctx.verify_flags |= ssl.VERIFY_X509_STRICT
try:
    with urllib.request.urlopen(sys.argv[1], context=ctx if sys.argv[1].startswith("https") else None) as f:
        print("body", f.read().decode())
except Exception as e:
    print("error", type(e).__name__, e)
`;

describe.skipIf(!hasPython)(`CPython's urllib through the proxy${hasPython ? '' : ' (skipped: needs python3 on PATH)'}`, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'miprig-proxy-'));
  let server: LoopbackServer;
  let proxy: HostProxy;
  let env: Record<string, string>;
  const caFile = path.join(root, 'ca.pem');
  beforeAll(async () => {
    const spec = parseScenario('name: w\nworld:\n  http:\n    "https://example.com/a.py": "X = 1\\n"\n    "http://plain.example/b.py": "Y = 2\\n"\nsteps: [{ import: sys }]\n', 'w.yaml').spec.world;
    const certificates = await hostCertificates();
    writeFileSync(caFile, certificates.caPem);
    server = new LoopbackServer(await createWorld(spec), { contextForHost: (h) => certificates.contextFor(h) });
    const { httpPort } = await server.start();
    proxy = new HostProxy(() => httpPort);
    const url = await proxy.start();
    env = { PATH: process.env['PATH'] ?? '', https_proxy: url, http_proxy: url, no_proxy: '', SSL_CERT_FILE: caFile, SSL_CERT_DIR: root };
  });
  afterAll(async () => {
    await proxy.stop();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });
  const fetch = async (url: string, extra: Record<string, string> = {}, mode = 'default') =>
    (await promisify(execFile)('python3', ['-c', FETCH, url, mode], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 20_000 })).stdout.trim();

  it('https: CONNECT, then a certificate for the host, signed by the run CA', async () => {
    expect(await fetch('https://example.com/a.py')).toBe('body X = 1');
  });
  it('https with VERIFY_X509_STRICT (Python 3.13 default): the chain carries the key identifiers it needs', async () => {
    expect(await fetch('https://example.com/a.py', {}, 'strict')).toBe('body X = 1');
  });
  it('http: the absolute-form request reaches the world as the origin-form one', async () => {
    expect(await fetch('http://plain.example/b.py')).toBe('body Y = 2');
  });
  it("without the run's CA the certificate is refused: the proxy does not weaken verification", async () => {
    const out = await fetch('https://example.com/a.py', { SSL_CERT_FILE: path.join(root, 'none.pem') });
    expect(out).toMatch(/^error URLError .*CERTIFICATE_VERIFY_FAILED/);
  });
  it('an undeclared URL is the world\'s 404', async () => {
    expect(await fetch('https://example.com/other.py')).toMatch(/^error HTTPError HTTP Error 404/);
  });
});
