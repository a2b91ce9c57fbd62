"""A backend whose vtable clears the IPv6 capability bit (a platform
without IPv6): `has_ipv6` is False, `has_dualstack_ipv6()` answers False
without trying, and create_server(dualstack_ipv6=True) refuses with the
stdlib's words, as the stdlib built without IPv6 does (Lib/socket.py).
Run in a child on the fault backend, whose vtable is a writable copy: the
child clears the bit before pysock loads it."""
import pytest

import vtableutil

pytestmark = pytest.mark.pysock_only

CHILD = r"""
import ctypes, json, os
lib = ctypes.CDLL(os.environ["PYSOCK_BACKEND"])
lib.pysock_backend_vtable.restype = ctypes.c_void_p
caps = ctypes.c_uint64.from_address(lib.pysock_backend_vtable() + 8)  # after abi_version, struct_size
caps.value &= ~1  # cap_ipv6 (backends/abi/vtable.zig)
import pysock


def outcome(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs).close()
        return ["ok"]
    except Exception as e:
        return ["raise", type(e).__name__, str(e)]


print(json.dumps({
    "has_ipv6": pysock.has_ipv6,
    "dualstack": pysock.has_dualstack_ipv6(),
    "server": outcome(pysock.create_server, ("::1", 0), family=pysock.AF_INET6, dualstack_ipv6=True),
}))
"""


def test_no_ipv6_capability_means_no_dualstack(pysock):
    report = vtableutil.run_on_fault_backend(pysock, CHILD)
    assert report == {
        "has_ipv6": False,
        "dualstack": False,
        "server": ["raise", "ValueError", "dualstack_ipv6 not supported on this platform"],
    }
