# The harness's footprint on a binary: GC heap in use after a collection, and how deep Python can
# recurse, printed as "<bytes> <frames>". Run bare and under the harness; the differences are
# what the harness costs the binary.
import gc

gc.collect()
a = gc.mem_alloc()


def f(n):
    try:
        return f(n + 1)
    except RuntimeError:
        return n


print(a, f(0))
