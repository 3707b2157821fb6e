# Launcher step 'main', `micropython -m <module> <argv...>`, with
#   _miprig_step = [module, argv...]
# sys.argv becomes _miprig_step in place (v1.19/v1.20 cannot rebind it) and the module is
# imported with the -m flag, then its __main__ submodule if it is a package, as the unix port's
# main.c does for -m.
import sys
sys.argv[:] = _miprig_step
_miprig_m = __import__(_miprig_step[0], None, None, False)
if hasattr(_miprig_m, '__path__'):
    __import__(_miprig_step[0] + '.__main__', None, None, False)
