# Whether the binary loads the precompiled launcher core (_miprig_core.mpy in the cwd):
# prints `miprig-core True` when it imports and defines _miprig_boot.
import _miprig_core
print('miprig-core', hasattr(_miprig_core, '_miprig_boot'))
