/**
 * A small installer written for these tests (not micropython-lib's): a `mip` module whose
 * `install(url, target=…)` fetches one file over a raw socket — plain HTTP or TLS by scheme —
 * follows redirects, and writes the body into the target folder. It exercises what a real
 * installer needs from the VM: DNS, connect, TLS, readline/read, and files.
 */
export const TINY_MIP = `import socket
import ssl


def _get(url, hops=0):
    proto, _, host, path = url.split("/", 3)
    port = 443 if proto == "https:" else 80
    ai = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
    s = socket.socket(ai[0], ai[1], ai[2])
    s.connect(ai[-1])
    if proto == "https:":
        s = ssl.wrap_socket(s, server_hostname=host)
    s.write(b"GET /%s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n" % (path, host))
    status = int(s.readline().split(None, 2)[1])
    location = None
    while True:
        line = s.readline()
        if not line or line == b"\\r\\n":
            break
        if line.lower().startswith(b"location:"):
            location = line[9:].strip().decode()
    if 300 <= status < 400 and location:
        s.close()
        print("redirect", status, "->", location)
        return _get(location, hops + 1)
    body = s.read()
    s.close()
    return status, body


def install(url, index=None, target=None, version=None, mpy=True):
    status, body = _get(url)
    if status != 200:
        print("failed", status)
        return
    name = url.rsplit("/", 1)[1]
    with open((target or "/lib") + "/" + name, "wb") as f:
        f.write(body)
    print("installed", name, len(body))
`;
