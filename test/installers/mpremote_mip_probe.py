# mpremote's own mip.py (from a micropython checkout's tools/mpremote) run by CPython against
# miprig's loopback server, with a transport that is a folder standing for the device: the
# reference the mpremote model is checked against. Harness patches only, none in mpremote:
# pyserial is stubbed (mip.py never opens a port), connections get the `MIPRIG-CONNECT host
# port` preface, and TLS is not verified (the loopback server's certificate is self-signed).
# Prints one JSON line: output lines, exit status.
import contextlib
import hashlib
import io
import json
import os
import ssl
import sys
import types

src, port, root, sys_path, mpy = sys.argv[1], int(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4]), int(sys.argv[5])
argv = json.loads(sys.argv[6])


class _Stub(types.ModuleType):
    def __getattr__(self, name):
        return type(name, (Exception,), {})


for name in ("serial", "serial.tools", "serial.tools.list_ports"):
    sys.modules[name] = _Stub(name)
sys.path.insert(0, src)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from loopback_connect import route_to_loopback  # noqa: E402

route_to_loopback(port)
ssl._create_default_https_context = ssl._create_unverified_context

from mpremote import mip  # noqa: E402
from mpremote.commands import CommandError  # noqa: E402


def host(p):
    return root + (p if p.startswith("/") else "/" + p)


class Transport:
    def fs_exists(self, p):
        return os.path.exists(host(p))

    def fs_mkdir(self, p):
        os.mkdir(host(p))

    def fs_writefile(self, p, data, progress_callback=None):
        with open(host(p), "wb") as f:
            f.write(data)

    def fs_put(self, local, p, progress_callback=None):
        with open(local, "rb") as f:
            self.fs_writefile(p, f.read())

    def fs_hashfile(self, p, algo):
        if not os.path.exists(host(p)):
            raise FileNotFoundError(p)
        with open(host(p), "rb") as f:
            return hashlib.new(algo, f.read()).digest()

    def exec(self, code):
        pass

    def eval(self, expr):
        if "_mpy" in expr:
            return mpy & 0xFF
        if "sys.path" in expr:
            return sys_path
        raise NotImplementedError(expr)


class State:
    transport = Transport()

    def did_action(self):
        pass

    def ensure_raw_repl(self, soft_reset=None):
        pass


args = types.SimpleNamespace(command=[argv[0]], packages=argv[1:], target=None, index=None, mpy=None)
rest = []
it = iter(argv[1:])
for a in it:
    if a in ("--target", "--index"):
        setattr(args, a[2:], next(it))
    elif a == "--no-mpy":
        args.mpy = False
    elif a in ("--mpy", "-m"):
        args.mpy = True
    else:
        rest.append(a)
args.packages = rest

out = io.StringIO()
status = 0
with contextlib.redirect_stdout(out):
    try:
        mip.do_mip(State(), args)
    except CommandError as e:
        print("mpremote: %s" % e)
        status = 1
    except Exception as e:
        print("Traceback (most recent call last):")
        print("%s.%s: %s" % (type(e).__module__, type(e).__name__, e) if type(e).__module__ != "builtins" else "%s: %s" % (type(e).__name__, e))
        status = 1
print(json.dumps({"lines": out.getvalue().splitlines(), "exit": status}))
