# Launcher step 'imports', with _miprig_step = [module names...]: imports each module and prints
# `miprig-import: <name> <origin>`. Needs _miprig_origin (import_origin.py).
for _miprig_n in _miprig_step:
    print('miprig-import: ' + _miprig_n + ' ' + _miprig_origin(_miprig_n))
