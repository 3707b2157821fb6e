# The launcher's functions taken from the precompiled core module, _miprig_core.mpy beside the
# launcher (launcher_boot.py, leaf.py, import_origin.py and decompress.py compiled by mpy-cross),
# instead of being compiled by the binary on every run. The module is taken out of sys.modules
# again, so the installer's imports never see it.
import sys
from _miprig_core import _miprig_boot, _miprig_leaf, _miprig_origin, _miprig_decompress
del sys.modules['_miprig_core']
