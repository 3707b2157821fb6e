# CPython's own urllib.request.urlopen(url).read() against miprig's loopback server: every
# connection goes to 127.0.0.1:PORT with the `MIPRIG-CONNECT host port` preface the LD_PRELOAD
# shim sends, so the server answers as the host in the URL. Prints one JSON line: the body
# (latin-1) or the exception as mpremote would see it.
import json
import socket
import sys
import urllib.error
import urllib.request

port = int(sys.argv[1])
url = sys.argv[2]
_real = socket.create_connection


def _connect(address, *args, **kwargs):
    s = _real(("127.0.0.1", port), *args, **kwargs)
    s.sendall(("MIPRIG-CONNECT %s %d\r\n" % address).encode())
    return s


socket.create_connection = _connect
try:
    with urllib.request.urlopen(url) as r:
        print(json.dumps({"body": r.read().decode("latin-1")}))
except urllib.error.HTTPError as e:
    print(json.dumps({"http_error": e.status}))
except urllib.error.URLError as e:
    print(json.dumps({"url_error": str(e.reason)}))
except Exception as e:
    print(json.dumps({"exception": "%s.%s: %s" % (type(e).__module__, type(e).__name__, e)}))
