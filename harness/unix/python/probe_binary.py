# What probeBinary needs to know about a unix-port binary, one `key=value` line per fact:
# version=<x.y.z>, mpy=<sys.implementation._mpy or None>, installer=<mip|upip|> (the frozen
# installer `-m` can run), mip_version=<its __version__, which frozen packages carry; upip has
# none> and tls=<tls|ussl|ssl|> (the TLS module the installers import).
import sys
v = sys.implementation.version
print('version=%d.%d.%d' % (v[0], v[1], v[2]))
print('mpy=%s' % getattr(sys.implementation, '_mpy', None))
def has(n):
    try:
        __import__(n)
        return True
    except ImportError:
        return False
print('installer=%s' % ('mip' if has('mip') else 'upip' if has('upip') else ''))
print('mip_version=%s' % (getattr(__import__('mip'), '__version__', '') if has('mip') else ''))
print('tls=%s' % ('tls' if has('tls') else 'ussl' if has('ussl') and sys.implementation.version < (1, 21) else 'ssl' if has('ssl') else ''))
