def _miprig_origin(name):
    import os
    try:
        m = _miprig_leaf(name)
    except Exception as e:
        t = type(e).__name__
        s = str(e)
        return t + ': ' + s if s else t
    f = getattr(m, '__file__', None)
    path = getattr(m, '__path__', None)
    if isinstance(path, str) and (path == '.frozen' or path.startswith('.frozen/')):
        return 'frozen'
    if f is None:
        return 'namespace' if path is not None else 'builtin'
    if f.startswith('/'):
        return f
    # v1.18+: a frozen module's __file__ is relative and names nothing on the filesystem.
    try:
        os.stat(f)
    except OSError:
        return 'frozen'
    c = os.getcwd()
    return (c if c.endswith('/') else c + '/') + f

# _miprig_origin(name): where an importable module comes from, as printed on `miprig-import:`
# lines: 'builtin', 'namespace', 'frozen', an absolute path, or the exception line the import
# raised ('ImportError: no module named ...'). Needs _miprig_leaf (leaf.py) defined beside it.
# (This note sits below the code: comment lines above it would change the line-number table
# compiled into the bytecode, and so the heap the code takes when run as `-c` source.)
