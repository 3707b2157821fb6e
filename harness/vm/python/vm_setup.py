# Set up a fresh VM for a scenario. The harness puts constants in front of this text:
# _MIPRIG_MODULES, [[source, [names…]], …] — the VM's socket and TLS modules, registered under
# each name in sys.modules (nothing is written to the device's file system), and _MIPRIG_PATH,
# the device's sys.path.
import sys


class _MiprigModule:
    pass


for _source, _names in _MIPRIG_MODULES:
    _ns = {"__name__": _names[0]}
    exec(_source, _ns)
    _m = _MiprigModule()
    for _k in _ns:
        setattr(_m, _k, _ns[_k])
    for _n in _names:
        sys.modules[_n] = _m

sys.path[:] = _MIPRIG_PATH
_MIPRIG_KEEP = list(sys.modules)
del _source, _names, _ns, _m, _k, _n, _MIPRIG_MODULES, _MIPRIG_PATH
