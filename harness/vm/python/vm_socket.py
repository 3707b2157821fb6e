# `socket` (and `usocket`) for the MicroPython VM, which has none: a blocking stream socket whose
# calls go to the main thread through the JS module _miprig_net (vmWorker.mjs), which talks to
# the loopback server — the same server and world a real binary reaches. Errors are the unix
# port's: OSError('[addrinfo error -2]') for a name that does not resolve, OSError(errno) else.
import binascii
import _miprig_net

AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
SOL_SOCKET = 1
SO_REUSEADDR = 2
TCP_NODELAY = 1


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    err = _miprig_net.resolve(host)
    if err:
        raise OSError("[addrinfo error -%d]" % err)
    # The address keeps the host name: the loopback server answers as that host.
    return [(AF_INET, SOCK_STREAM, IPPROTO_TCP, "", (host, port))]


def _check(r):
    if r < 0:
        raise OSError(-r)
    return r


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=IPPROTO_TCP):
        self._id = None
        self._buf = b""
        self._eof = False

    def connect(self, addr):
        self._id = _check(_miprig_net.connect(addr[0], addr[1]))
        self._host = addr[0]

    def _start_tls(self, server_hostname):
        r = _miprig_net.starttls(self._id, server_hostname or self._host)
        if r:
            raise OSError(r)

    def write(self, data):
        if self._id is None:
            raise OSError(9)
        # The unix port's stream write takes str as well as bytes (requests writes both).
        data = data.encode() if isinstance(data, str) else bytes(data)
        if data:
            r = _miprig_net.write(self._id, binascii.hexlify(data).decode())
            if r:
                raise OSError(r)
        return len(data)

    send = write

    def sendall(self, data):
        self.write(data)

    def _fill(self, want):
        if self._eof:
            return False
        got = _miprig_net.read(self._id, want)
        if isinstance(got, int):
            raise OSError(-got)
        if not got:
            self._eof = True
            return False
        self._buf += binascii.unhexlify(got)
        return True

    def read(self, n=-1):
        if n is None or n < 0:
            while self._fill(16384):
                pass
            out, self._buf = self._buf, b""
            return out
        if not self._buf:
            self._fill(max(n, 4096))
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def recv(self, n):
        return self.read(n)

    def readinto(self, buf, n=None):
        n = len(buf) if n is None else min(n, len(buf))
        data = self.read(n)
        buf[: len(data)] = data
        return len(data)

    def readline(self):
        while b"\n" not in self._buf and self._fill(4096):
            pass
        i = self._buf.find(b"\n")
        if i < 0:
            out, self._buf = self._buf, b""
        else:
            out, self._buf = self._buf[: i + 1], self._buf[i + 1 :]
        return out

    def settimeout(self, t):
        pass

    def setblocking(self, flag):
        pass

    def setsockopt(self, *args):
        pass

    def makefile(self, *args, **kwargs):
        return self

    def close(self):
        if self._id is not None:
            _miprig_net.close(self._id)
            self._id = None

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
