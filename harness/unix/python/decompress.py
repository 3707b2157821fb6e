def _miprig_decompress(path, fmt, wbits):
    f = open(path, 'rb')
    try:
        try:
            import deflate
            d = deflate.DeflateIO(f, {'gzip': deflate.GZIP, 'zlib': deflate.ZLIB, 'raw': deflate.RAW}[fmt], wbits)
        except ImportError:
            import uzlib
            d = uzlib.DecompIO(f, {'gzip': 16 + wbits, 'zlib': wbits, 'raw': -wbits}[fmt])
        n = 0
        while True:
            b = d.read(512)
            if not b:
                break
            n += len(b)
        return 'ok ' + str(n)
    except Exception as e:
        t = type(e).__name__
        s = str(e)
        return t + ': ' + s if s else t
    finally:
        f.close()

# _miprig_decompress(path, fmt, wbits): read a compressed file to the end in 512-byte reads
# through the runtime's own decompressor (deflate.DeflateIO from v1.21, uzlib.DecompIO before).
# fmt is 'gzip', 'zlib' or 'raw'. Returns 'ok <bytes>' or the exception line it raised.
# (This note sits below the code: comment lines above it would change the line-number table
# compiled into the bytecode, and so the heap the code takes when run as `-c` source.)
