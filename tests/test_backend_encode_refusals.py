"""The backend's `addr_encode` and `if_indextoname` entries, called through
the vtable with ctypes on every platform (POSIX and Windows under Wine):
what the binding never hands them (it checks ports, flow labels and address
lengths first, and never asks for a name into no room) is refused with -1
and an error, not taken for success, and a good address is encoded to its
sockaddr's length. The expectations are the contract of
backends/abi/vtable.zig."""
import ctypes
import os
import socket as std

import pytest

import vtableutil
from vtableutil import Address, Error

pytestmark = pytest.mark.pysock_only


@pytest.fixture
def vt(pysock):
    if not os.path.exists(vtableutil.VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    return vtableutil.entry


def _encode(vt, family, data, port=0, flowinfo=0):
    fn = vt("addr_encode", ctypes.c_int, ctypes.POINTER(Address), ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_uint32), ctypes.POINTER(Error))
    a = Address(family=family, data_len=len(data))
    a.data[:len(data)] = list(data)
    a.nums[0], a.nums[1] = port, flowinfo
    native = (ctypes.c_uint8 * 128)()
    length = ctypes.c_uint32(128)
    err = Error()
    rc = fn(ctypes.byref(a), native, ctypes.byref(length), ctypes.byref(err))
    return rc, err.kind != 0, length.value


REFUSED = {
    "inet-short": (std.AF_INET, b"\x7f\x00\x01", 80, 0),
    "inet-port": (std.AF_INET, b"\x7f\x00\x00\x01", 70000, 0),
    "inet6-short": (std.AF_INET6, b"\x00" * 15, 80, 0),
    "inet6-port": (std.AF_INET6, b"\x00" * 15 + b"\x01", 65536, 0),
    "inet6-flowinfo": (std.AF_INET6, b"\x00" * 15 + b"\x01", 80, 0x100000),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_addr_encode_refuses_what_the_binding_never_passes(vt, case):
    rc, has_error, length = _encode(vt, *REFUSED[case])
    assert (rc, has_error) == (-1, True)


def test_addr_encode_of_good_addresses(vt):
    assert _encode(vt, std.AF_INET, b"\x7f\x00\x00\x01", 80) == (0, False, 16)
    rc, has_error, length = _encode(vt, std.AF_INET6, b"\x00" * 15 + b"\x01", 80, 0xFFFFF)
    assert (rc, has_error, length) == (0, False, 28)


def test_if_indextoname_into_no_room(vt):
    fn = vt("if_indextoname", ctypes.c_int, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_size_t,
            ctypes.POINTER(Error))
    buf = (ctypes.c_uint8 * 4)(0xEE, 0xEE, 0xEE, 0xEE)
    err = Error()
    index = std.if_nameindex()[0][0]
    assert (fn(index, buf, 0, ctypes.byref(err)), err.kind != 0) == (-1, True)
    assert list(buf) == [0xEE] * 4
