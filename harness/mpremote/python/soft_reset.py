# A soft reset of the VM that stands in for a board (Ctrl-D on an empty raw-REPL line): what
# lives in RAM starts over — the modules imported since set-up, the REPL's globals, sys.path and
# the working folder — and the files stay. The harness puts constants in front of this text:
# _MIPRIG_PATH (the device's sys.path) and _MIPRIG_CWD.
import sys
import os

for _k in list(sys.modules):
    if _k not in _MIPRIG_KEEP:
        del sys.modules[_k]
sys.path[:] = _MIPRIG_PATH
os.chdir(_MIPRIG_CWD)
_g = globals()
for _k in list(_g):
    if _k not in ("__name__", "_MIPRIG_KEEP", "_MiprigModule", "_g", "_k"):
        del _g[_k]
del _k, _g
