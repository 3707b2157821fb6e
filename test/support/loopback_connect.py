# For the CPython probes of the test suite: every connection CPython opens goes to miprig's
# loopback server on 127.0.0.1:port with the `MIPRIG-CONNECT host port` preface the LD_PRELOAD
# shim sends, so the server answers as the host in the URL.
import socket

_real = socket.create_connection


def route_to_loopback(port):
    def _connect(address, *args, **kwargs):
        s = _real(("127.0.0.1", port), *args, **kwargs)
        s.sendall(("MIPRIG-CONNECT %s %d\r\n" % address).encode())
        return s

    socket.create_connection = _connect
