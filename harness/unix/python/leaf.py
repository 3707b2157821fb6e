def _miprig_leaf(name):
    m = __import__(name)
    for part in name.split('.')[1:]:
        m = getattr(m, part)
    return m

# _miprig_leaf(name): the module a dotted name imports to (`a.b.c` -> the submodule c, where
# `__import__` returns the top-level package a).
# (This note sits below the code: comment lines above it would change the line-number table
# compiled into the bytecode, and so the heap the code takes when run as `-c` source.)
