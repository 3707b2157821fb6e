# Launcher step 'call', with
#   _miprig_step = [module, func, [args...], {kwargs}, [[attribute, value], ...]]
# Sets the attributes on the module in order, calls module.func(*args, **kwargs) and prints
# `miprig-result: <repr of the return value>`. Needs _miprig_leaf (leaf.py). _miprig_r holds
# each attribute pair before it holds the result (one global name fewer on the heap).
_miprig_m = _miprig_leaf(_miprig_step[0])
for _miprig_r in _miprig_step[4]:
    setattr(_miprig_m, _miprig_r[0], _miprig_r[1])
_miprig_r = getattr(_miprig_m, _miprig_step[1])(*_miprig_step[2], **_miprig_step[3])
print('miprig-result: ' + repr(_miprig_r))
