import gc
try:
    import socket
except ImportError:
    import usocket as socket
ai = socket.getaddrinfo('tls-probe.miprig.invalid', 443)[0]
s = socket.socket(ai[0], ai[1], ai[2])
s.connect(ai[-1])
gc.collect()
a = gc.mem_alloc()
try:
    import tls
    c = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    c.verify_mode = tls.CERT_NONE
    t = c.wrap_socket(s, server_hostname='tls-probe.miprig.invalid')
except ImportError:
    try:
        import ussl as ssl
    except ImportError:
        import ssl
    t = ssl.wrap_socket(s, server_hostname='tls-probe.miprig.invalid')
gc.collect()
print('tlsheap=%d' % (gc.mem_alloc() - a))
t.close()

# Build fact tlsheap=<GC bytes one TLS connection keeps>: one handshake with the installers' own
# wrap call of each era (tls.SSLContext from v1.23, ssl/ussl.wrap_socket before), measured as
# gc.mem_alloc() after minus before, each after gc.collect(). The host name is answered by the
# redirection in place (it resolves nowhere else).
# (This note sits below the code: comment lines above it would change the line-number table
# compiled into the bytecode, and so the heap the code takes when run as `-c` source.)
