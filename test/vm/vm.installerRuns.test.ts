// Issue "A real MicroPython VM in-process", items 1–3: an installer's own source runs in the VM,
// its sockets reaching the same loopback server and world a real binary reaches — bytes on the
// wire, TLS, redirects, the request log and the files it writes.
import { afterAll, describe, expect, it } from 'vitest';
import { runOne } from '../../harness/runScenarios.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { readInstallerSource } from '../../harness/installerSource.ts';
import { VmBackend } from '../../harness/vm/VmBackend.ts';
import { TINY_MIP } from './tinyInstaller.ts';
import { installerFolder, NEEDS_VM, vms } from './vmSupport.ts';

const folder = installerFolder({ 'mip.py': TINY_MIP });
afterAll(() => folder.remove());

const SCENARIO = `name: tiny installer over TLS with a redirect
device: { port: unix, version: 1.27.0 }
world:
  http:
    https://files.example.org/pkg/x.py: { status: 301, headers: { Location: "http://cdn.example.org/x.py" } }
    http://cdn.example.org/x.py: { body: "X = 1\\n" }
steps:
  - install: { installer: mip, spec: https://files.example.org/pkg/x.py, target: /home }
expect:
  files: { tree: { /home/x.py: "X = 1\\n" } }
  requests:
    list:
      - GET https://files.example.org/pkg/x.py → 301
      - GET http://cdn.example.org/x.py → 200
  output:
    mode: exact
    lines:
      - redirect 301 -> http://cdn.example.org/x.py
      - installed x.py 6
`;

describe(`an installer's own source on the VM${NEEDS_VM}`, () => {
  const backend = new VmBackend({ installerSource: readInstallerSource(folder.dir), timeoutMs: 20_000 });
  afterAll(() => backend.stop());

  it.skipIf(!vms.length)('fetches over TLS, follows the redirect, writes the file; the world logs both requests', async () => {
    const { result, observation } = await runOne(parseScenario(SCENARIO, 'tiny.yaml'), backend);
    expect({ status: result.status, failed: result.checks.filter((c) => !c.pass) }).toEqual({ status: 'pass', failed: [] });
    expect(observation?.backendKind).toBe('vm');
    expect(observation?.build).toMatch(/^MicroPython VM 1\.27\.0 \(webassembly port, the device version\); installer from .* \(sha256 [0-9a-f]{12}\)/);
  });

  it.skipIf(!vms.length)('a failed look-up is the unix port\'s OSError, from the world\'s DNS fault', async () => {
    const scenario = parseScenario(
      SCENARIO.replace(/expect:[\s\S]*$/, 'expect:\n  outcome: { exception: "OSError: [addrinfo error -2]" }\n').replace('world:\n', 'world:\n  faults:\n    - { on: { url: "https://files.example.org/pkg/x.py" }, dnsFailure: true }\n'),
      'dns.yaml',
    );
    const { result } = await runOne(scenario, backend);
    expect({ status: result.status, output: result.output, requests: result.requests }).toEqual({
      status: 'pass',
      output: ['Traceback (most recent call last):', 'OSError: [addrinfo error -2]'],
      requests: [],
    });
  });

  it.skipIf(!vms.length)('a response that never ends is a timeout, and the next scenario runs on a fresh VM', async () => {
    const hang = parseScenario(
      SCENARIO.replace(/expect:[\s\S]*$/, 'timeoutMs: 1500\nexpect:\n  outcome: timeout\n').replace('world:\n', 'world:\n  faults:\n    - { on: { url: "http://cdn.example.org/x.py" }, neverClose: true }\n'),
      'hang.yaml',
    );
    const started = performance.now();
    const { result } = await runOne(hang, backend);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect({ status: result.status, findings: result.findings.map((f) => f.kind) }).toEqual({ status: 'pass', findings: ['timeout'] });
    const again = await runOne(parseScenario(SCENARIO, 'again.yaml'), backend);
    expect(again.result.status).toBe('pass');
  });
});
