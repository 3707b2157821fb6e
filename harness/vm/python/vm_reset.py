# Put a VM back as its set-up left it, files aside: sys.path and sys.argv, the working folder, the
# collector's settings, the compiler's optimisation level, the modules imported since (the os
# imported here among them) and __main__'s globals. As a board's soft reset does (Ctrl-D on the
# mpremote backend's device, whose files stay) and as a fresh VM has them (a kept VM reused for
# the next module body, whose files the worker wiped). The harness puts _MIPRIG_PATH (the
# device's sys.path) and _MIPRIG_CWD in front of this text, and vm_setup.py after it.
import sys
import os
import gc
import micropython

sys.path[:] = _MIPRIG_PATH
os.chdir(_MIPRIG_CWD)
_enabled, _threshold, _argv, _opt = _MIPRIG_FRESH_STATE
if _enabled:
    gc.enable()
else:
    gc.disable()
gc.threshold(_threshold)
sys.argv[:] = _argv
if _opt is not None:
    micropython.opt_level(_opt)
for _k in list(sys.modules):
    if _k not in _MIPRIG_KEEP:
        del sys.modules[_k]
gc.collect()
_g = globals()
for _k in list(_g):
    if _k not in ("__name__", "_MIPRIG_KEEP", "_MiprigModule", "_MIPRIG_FRESH_STATE", "_g", "_k"):
        del _g[_k]
del _k, _g
