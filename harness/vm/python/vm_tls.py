# `ssl`, `ussl` and `tls` for the MicroPython VM: TLS is spoken by the main thread (Node's client)
# to the loopback server, on the socket's own connection, so the bytes on the wire are TLS as a
# device's are; the installers see the same API (wrap_socket, SSLContext) as on the unix port.
PROTOCOL_TLS_CLIENT = 0
PROTOCOL_TLS_SERVER = 1
CERT_NONE = 0
CERT_OPTIONAL = 1
CERT_REQUIRED = 2
MBEDTLS_VERSION = "miprig VM bridge"


def wrap_socket(sock, server_side=False, key=None, cert=None, cert_reqs=CERT_NONE, cadata=None, server_hostname=None, do_handshake=True):
    sock._start_tls(server_hostname)
    return sock


class SSLContext:
    def __init__(self, protocol=PROTOCOL_TLS_CLIENT):
        self.verify_mode = CERT_NONE
        self.check_hostname = False

    def load_verify_locations(self, *args, **kwargs):
        pass

    def load_cert_chain(self, *args, **kwargs):
        pass

    def set_ciphers(self, *args):
        pass

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True, server_hostname=None):
        sock._start_tls(server_hostname)
        return sock
