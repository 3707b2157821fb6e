// The LD_PRELOAD shim sends every connection to the loopback server, naming the host and port it
// was meant for; anything else is refused, and DNS faults are asked per look-up.
import { describe, expect, it } from 'vitest';
import { allBinaries, NEEDS_ANY_BINARY } from '../support/realBinaries.ts';
import { shimRun } from '../support/shimRun.ts';
import { FakeNetwork } from '../unix/fakeNetwork.ts';

const binaries = allBinaries.length ? allBinaries : [undefined];

// Plain HTTP/1.0 by hand, the same on every version (usocket/socket, no installer involved).
const GET = (host: string, port: number, path: string) => `
try:
    import socket
except ImportError:
    import usocket as socket
ai = socket.getaddrinfo(${JSON.stringify(host)}, ${port})[0]
s = socket.socket(ai[0], ai[1], ai[2])
s.connect(ai[-1])
s.send(b"GET ${path} HTTP/1.0\\r\\nHost: ${host}\\r\\n\\r\\n")
data = b""
while True:
    b = s.recv(256)
    if not b:
        break
    data += b
s.close()
print(data.split(b"\\r\\n\\r\\n", 1)[1].decode())
`;

describe.skipIf(allBinaries.length === 0)(`the shim redirects connections to the loopback server${NEEDS_ANY_BINARY}`, () => {
  for (const info of binaries) {
    const name = info ? `${info.version} (${info.path})` : '(none)';
    it(`${name}: any host and port reach the world with that host and port`, async () => {
      const network = new FakeNetwork({ 'http://files.example.org/a.txt': { body: 'hello' } });
      const r = await shimRun(info!, network, GET('files.example.org', 8080, '/a.txt'));
      expect(r.stdout).toEqual(['hello']);
      expect(network.requests.map((q) => [q.host, q.port, q.scheme])).toEqual([['files.example.org', 8080, 'http']]);
    });

    it(`${name}: a host the world does not resolve fails as the unix resolver does`, async () => {
      const network = new FakeNetwork({}, ['gone.example.org']);
      const r = await shimRun(info!, network, `
try:
    import socket
except ImportError:
    import usocket as socket
try:
    socket.getaddrinfo('gone.example.org', 443)
except OSError as e:
    print(e)
print(len(socket.getaddrinfo('here.example.org', 443)))
`, { resolve: true });
      // glibc answers a name with one IPv4 address with one entry per socket type asked for.
      expect(r.stdout).toEqual(['[addrinfo error -2]', '3']);
    });

    it(`${name}: a connection to an address the shim did not hand out is refused, nothing leaves`, async () => {
      const r = await shimRun(info!, new FakeNetwork({}), `
try:
    import socket
except ImportError:
    import usocket as socket
s = socket.socket()
try:
    s.connect(bytes([2, 0, 0, 80, 93, 184, 216, 34, 0, 0, 0, 0, 0, 0, 0, 0]))
except OSError as e:
    print('OSError', e.args[0])
`);
      expect(r.stdout).toEqual(['OSError 101']);
      expect(r.fd3).toContain('network 93.184.216.34');
    });
  }
});
