# Run one step in the VM as a process of its own would run on a device: the harness puts
# _MIPRIG_PATH (sys.path for the step), _MIPRIG_CODE (the step's Python) and _MIPRIG_FRESH (True
# for an import step: forget every module imported since set-up, as a new interpreter would) in
# front of this text. An uncaught
# exception prints its traceback and ends with status 1, SystemExit(n) with n; the status is
# printed as `miprig-exit: <n>`.
import sys

sys.path[:] = _MIPRIG_PATH
if _MIPRIG_FRESH:
    for _k in list(sys.modules):
        if _k not in _MIPRIG_KEEP:
            del sys.modules[_k]
try:
    exec(_MIPRIG_CODE, {"__name__": "__main__"})
    _miprig_status = 0
except SystemExit as _e:
    _miprig_status = _e.args[0] if _e.args and _e.args[0] is not None else 0
    if not isinstance(_miprig_status, int):
        print(_miprig_status)
        _miprig_status = 1
except BaseException as _e:
    sys.print_exception(_e)
    _miprig_status = 1
print("miprig-exit: %d" % _miprig_status)
