"""The Linux backend's interface lookup for AF_PACKET and AF_CAN addresses,
called through the vtable: when the C library's if_nametoindex fails for a
reason other than an unknown name (here no descriptor is left under
RLIMIT_NOFILE, and it needs one for its query), the errno it left is
reported, not ENODEV; the C library itself, called with ctypes at the same
limit, is the oracle. (The stdlib asks the socket being bound instead and
needs no descriptor, so at that limit its bind goes through: a known
difference, which the vtable's addr_encode, given no socket, cannot follow.)"""
import ctypes
import errno
import os
import sys

import pytest

from vtableutil import VTABLE_ZIG, addr_encode, encode_named

pytestmark = [pytest.mark.pysock_only,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux backend's families")]

ERROR_KIND_OS = 1


def lookup(encode, family, proto, name):
    rc, answer = encode_named(encode, family, proto, name)
    return "ok" if rc == 0 else (answer.kind, errno.errorcode.get(answer.code, answer.code))


@pytest.mark.parametrize("family", ["AF_PACKET", "AF_CAN"])
def test_lookup_without_a_free_descriptor_reports_the_c_librarys_errno(pysock, family):
    import resource

    if not os.path.exists(VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    if not hasattr(pysock, family):
        pytest.skip(f"no {family} in this build")
    fam, proto = getattr(pysock, family), getattr(pysock, "CAN_RAW", 0) if family == "AF_CAN" else 0
    libc = ctypes.CDLL(None, use_errno=True)
    libc.if_nametoindex.restype = ctypes.c_uint
    libc.if_nametoindex.argtypes = [ctypes.c_char_p]
    encode = addr_encode()  # the vtable is read from its source before the limit
    assert lookup(encode, fam, proto, b"lo") == "ok"
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    held = []
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 4, hard))
        try:
            while True:
                held.append(os.dup(0))
        except OSError as e:
            assert e.errno == errno.EMFILE
        at_limit = lookup(encode, fam, proto, b"lo")
        ctypes.set_errno(0)
        libc_index = libc.if_nametoindex(b"lo")
        libc_errno = ctypes.get_errno()
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert libc_index == 0 and libc_errno not in (0, errno.ENODEV), (libc_index, libc_errno)
    assert at_limit == (ERROR_KIND_OS, errno.errorcode[libc_errno])
    assert lookup(encode, fam, proto, b"lo") == "ok"
    assert lookup(encode, fam, proto, b"pysocknone0") == (ERROR_KIND_OS, "ENODEV")
