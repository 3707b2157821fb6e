# A scenario's `resource` step, run by the binary (or the VM): read a resource the way a package
# does, through pkg_resources.resource_stream, and print its size and the start of its sha256.
# The harness puts _MIPRIG_RESOURCE = [package, name] in front of this text.
import pkg_resources

try:
    import hashlib
    import binascii
except ImportError:
    import uhashlib as hashlib
    import ubinascii as binascii

_d = pkg_resources.resource_stream(_MIPRIG_RESOURCE[0], _MIPRIG_RESOURCE[1]).read()
print(
    "resource %s/%s: %d bytes, sha256 %s"
    % (_MIPRIG_RESOURCE[0], _MIPRIG_RESOURCE[1], len(_d), binascii.hexlify(hashlib.sha256(_d).digest())[:8].decode())
)
