import gc
gc.collect()
print('startup=%d' % gc.mem_alloc())
def f(n):
    try:
        return f(n + 1)
    except RuntimeError:
        return n
print('depth=%d' % f(0))

# Build facts measured at start-up: startup=<gc.mem_alloc() after gc.collect()> and
# depth=<how deep a trivial recursive function gets before RuntimeError>.
# (This note sits below the code: comment lines above it would change the line-number table
# compiled into the bytecode, and so the heap the code takes when run as `-c` source.)
