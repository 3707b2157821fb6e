# CPython's own urllib.request.urlopen(url).read() against miprig's loopback server: every
# connection goes to 127.0.0.1:PORT with the `MIPRIG-CONNECT host port` preface the LD_PRELOAD
# shim sends, so the server answers as the host in the URL. Prints one JSON line: the body
# (latin-1) or the exception as mpremote would see it.
import json
import os
import sys
import urllib.error
import urllib.request

port = int(sys.argv[1])
url = sys.argv[2]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from loopback_connect import route_to_loopback  # noqa: E402

route_to_loopback(port)
try:
    with urllib.request.urlopen(url) as r:
        print(json.dumps({"body": r.read().decode("latin-1")}))
except urllib.error.HTTPError as e:
    print(json.dumps({"http_error": e.status}))
except urllib.error.URLError as e:
    print(json.dumps({"url_error": str(e.reason)}))
except Exception as e:
    print(json.dumps({"exception": "%s.%s: %s" % (type(e).__module__, type(e).__name__, e)}))
