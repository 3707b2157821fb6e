# Set up a fresh VM for a scenario. The harness puts constants in front of this text:
# _MIPRIG_MODULES, [[source, [names…]], …] — the VM's socket and TLS modules, registered under
# each name in sys.modules (nothing is written to the device's file system), and _MIPRIG_PATH,
# the device's sys.path. Run again after vm_reset.py.
import sys
import gc
import micropython

# What a body can change beyond modules, globals and files, as the fresh VM had it, for
# vm_reset.py to put back: recorded at the first set-up only.
try:
    _MIPRIG_FRESH_STATE
except NameError:
    _MIPRIG_FRESH_STATE = (gc.isenabled(), gc.threshold(), list(sys.argv), micropython.opt_level() if hasattr(micropython, "opt_level") else None)


class _MiprigModule:
    # Compiled on first use: most scenarios' VMs (a module body, an import) never open a socket,
    # and compiling these modules was a quarter of starting a VM for one.
    def __init__(self, source, name):
        self._miprig_source = source
        self._miprig_name = name
        self._miprig_loaded = False

    def __getattr__(self, attr):
        if not self._miprig_loaded:
            self._miprig_loaded = True
            ns = {"__name__": self._miprig_name}
            exec(self._miprig_source, ns)
            for k in ns:
                setattr(self, k, ns[k])
            if attr in ns:
                return ns[attr]
        raise AttributeError(attr)


for _source, _names in _MIPRIG_MODULES:
    _m = _MiprigModule(_source, _names[0])
    for _n in _names:
        sys.modules[_n] = _m

sys.path[:] = _MIPRIG_PATH
_MIPRIG_KEEP = list(sys.modules)
del _source, _names, _m, _n, _MIPRIG_MODULES, _MIPRIG_PATH, gc, micropython
