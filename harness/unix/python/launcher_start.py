# The launcher's per-run set-up, once _miprig_boot is defined. The run's values arrive as data:
# the lines before this text assign
#   _miprig_config = [root, [[device port, loopback port], ...], dns_port or None, nodelay,
#                     sys_path or None]
#   _miprig_step = ...   (the step's values, read by the step_<kind>.py that follows)
# Lists rather than dicts with named keys, and few global names: every bit of this module's
# bytecode, each distinct name or short string (interned) and each global stays on the heap
# the installer runs in. `sys` is already imported by the text before (launcher_boot.py or
# launcher_use_core.py).
_miprig_boot(_miprig_config[0], dict(_miprig_config[1]), _miprig_config[2], _miprig_config[3])
del _miprig_boot
if _miprig_config[4] is not None:
    sys.path[:] = _miprig_config[4]
del _miprig_config
