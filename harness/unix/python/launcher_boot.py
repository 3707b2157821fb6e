# The fallback launcher's set-up: _miprig_boot(root, ports, dns_port, nodelay) puts wrapped
# socket/usocket and os/uos objects into sys.modules and wraps builtins.open, so that
# - getaddrinfo answers every host with 127.0.0.1 and maps the port through the dict `ports`
#   (device port -> loopback port; ports not listed are kept), after asking the loopback server
#   on `dns_port` whether the host resolves (dns_port None: every host resolves);
# - a write, mkdir, remove or rename outside `root` (absolute, no trailing slash) prints
#   `miprig-escape: <path>` on stderr and raises OSError(13);
# - with `nodelay`, every socket created gets TCP_NODELAY.
# Written for the common subset of v1.19.1-v1.27.0: no f-strings, no walrus, `u`-names probed.
import sys

def _miprig_boot(root, ports, dns_port, nodelay):
    import builtins
    real_open = builtins.open

    def first(*names):
        for n in names:
            try:
                return __import__(n)
            except ImportError:
                pass

    real_socket = first('socket', 'usocket')
    real_os = first('os', 'uos')

    def norm(p):
        if isinstance(p, bytes):
            p = p.decode()
        if not p.startswith('/'):
            p = real_os.getcwd() + '/' + p
        out = []
        for seg in p.split('/'):
            if seg == '' or seg == '.':
                continue
            if seg == '..':
                if out:
                    out.pop()
                continue
            out.append(seg)
        return '/' + '/'.join(out)

    def guard(p):
        n = norm(p)
        if n != root and not n.startswith(root + '/'):
            sys.stderr.write('miprig-escape: ' + n + '\n')
            raise OSError(13)

    def w_open(file, mode='r', *args, **kw):
        if not isinstance(file, int):
            for c in 'wax+':
                if c in mode:
                    guard(file)
                    break
        return real_open(file, mode, *args, **kw)

    def w_mkdir(p, *a):
        # mkdir of an existing directory is no write: let the real call raise EEXIST, as upip's
        # makedirs walks every component from '/' and ignores exactly that.
        try:
            real_os.stat(p)
        except OSError:
            guard(p)
        return real_os.mkdir(p, *a)

    def w_remove(p):
        guard(p)
        return real_os.remove(p)

    def w_unlink(p):
        guard(p)
        return real_os.unlink(p)

    def w_rmdir(p):
        guard(p)
        return real_os.rmdir(p)

    def w_rename(a, b):
        guard(a)
        guard(b)
        return real_os.rename(a, b)

    def resolves(h):
        # One control exchange per lookup (see LoopbackServer): the harness's world decides.
        s = real_socket.socket()
        try:
            s.connect(real_socket.getaddrinfo('127.0.0.1', dns_port)[0][-1])
            s.send(b'MIPRIG-RESOLVE ' + h.encode() + b'\r\n\r\n')
            return s.recv(1) == b'1'
        finally:
            s.close()

    def w_getaddrinfo(host, port, *rest):
        h = host.decode() if isinstance(host, bytes) else host
        if dns_port is not None and not resolves(h):
            # What modsocket.c raises when libc returns EAI_NONAME.
            raise OSError('[addrinfo error -2]')
        p = int(port)
        return real_socket.getaddrinfo('127.0.0.1', ports.get(p, p), *rest)

    class Wrapped:
        # A module stand-in (built-in modules reject attribute assignment): the overrides are
        # instance attributes, everything else is looked up on the real module on demand.
        def __init__(self, real, over):
            self._miprig_real = real
            for k in over:
                setattr(self, k, over[k])

        def __getattr__(self, name):
            return getattr(self._miprig_real, name)

    def w_socket_new(*a):
        s = real_socket.socket(*a)
        try:
            s.setsockopt(6, 1, 1)  # IPPROTO_TCP, TCP_NODELAY
        except OSError:
            pass  # not a TCP socket
        return s

    over_socket = {'getaddrinfo': w_getaddrinfo}
    if nodelay:
        over_socket['socket'] = w_socket_new
    w_socket = Wrapped(real_socket, over_socket)
    over_os = {'mkdir': w_mkdir, 'rmdir': w_rmdir, 'rename': w_rename}
    if hasattr(real_os, 'remove'):
        over_os['remove'] = w_remove
    if hasattr(real_os, 'unlink'):
        over_os['unlink'] = w_unlink
    w_os = Wrapped(real_os, over_os)
    for n in ('socket', 'usocket'):
        sys.modules[n] = w_socket
    for n in ('os', 'uos'):
        sys.modules[n] = w_os
    builtins.open = w_open
