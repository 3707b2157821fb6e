# A scenario's `syspath` step, run by the binary itself. The harness puts two constants in front
# of this text: _MIPRIG_PATH, the sys.path the step starts from, and _MIPRIG_EDIT, the edit as
# (operation, argument). The edit runs as a user's code would, so any exception (and its
# traceback) is the binary's own. sys.path is printed afterwards, also when the edit raised (an
# uncaught exception leaves the list as far as the edit got): the next step's process starts
# from it.
import sys

try:
    import json
except ImportError:
    import ujson as json

sys.path[:] = _MIPRIG_PATH
_op, _arg = _MIPRIG_EDIT
try:
    if _op == "set":
        sys.path = _arg
    elif _op == "remove":
        sys.path.remove(_arg)
    elif _op == "append":
        sys.path.append(_arg)
    elif _op == "insert":
        sys.path.insert(_arg[0], _arg[1])
    else:
        _entry, _where, _anchor = _arg
        sys.path.remove(_entry)
        if _where == "end":
            sys.path.append(_entry)
        elif _where == "after":
            sys.path.insert(sys.path.index(_anchor) + 1, _entry)
        else:
            sys.path.insert(sys.path.index(_anchor), _entry)
finally:
    print("miprig-syspath: " + json.dumps(sys.path))
