"""The backend's `addr_encode` for AF_INET and AF_INET6, called through the
vtable with ctypes: every number that fits the native field goes through
(and comes back from `addr_decode` the same), and one that does not is
refused with the documented message rather than cut to the field's width.
The binding checks the same ranges before it calls (with the stdlib's
OverflowError), so only a direct call reaches the backend's own checks."""
import ctypes
import os
import sys
import socket as std

import pytest

from vtableutil import ERROR_KIND_ADDRESS, VTABLE_ZIG, Address, Error, addr_encode, entry

pytestmark = [pytest.mark.pysock_only,
              pytest.mark.skipif(os.name != "posix", reason="the POSIX backend's codec (backends/posix/sockaddr.zig)")]

NATIVE = 128  # abi.max_native_addr


@pytest.fixture
def codec(pysock):
    if not os.path.exists(VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    encode = addr_encode()
    decode = entry("addr_decode", None, ctypes.c_void_p, ctypes.c_uint32, ctypes.POINTER(Address))

    def run(family, packed, nums, capacity=NATIVE):
        a = Address(family=family, data_len=len(packed))
        a.data[:len(packed)] = list(packed)
        for i, n in enumerate(nums):
            a.nums[i] = n
        native = (ctypes.c_uint8 * NATIVE)()
        length = ctypes.c_uint32(capacity)
        err = Error()
        if encode(ctypes.byref(a), native, ctypes.byref(length), ctypes.byref(err)) != 0:
            assert err.kind == ERROR_KIND_ADDRESS
            return ("refused", err.message.decode())
        back = Address()
        decode(native, length.value, ctypes.byref(back))
        return ("ok", back.family, bytes(back.data[:back.data_len]), list(back.nums[:len(nums)]))

    return run


V4 = std.inet_pton(std.AF_INET, "192.0.2.7")
V6 = std.inet_pton(std.AF_INET6, "2001:db8::7")


@pytest.mark.parametrize("port", [0, 1, 80, 65535])
def test_inet_ports_that_fit(codec, port):
    assert codec(std.AF_INET, V4, [port]) == ("ok", std.AF_INET, V4, [port])


@pytest.mark.parametrize("port", [65536, 2 ** 32, 2 ** 64 - 1])
def test_inet_ports_that_do_not_fit(codec, port):
    assert codec(std.AF_INET, V4, [port]) == ("refused", "port must be 0-65535.")


@pytest.mark.parametrize("nums", [[0, 0, 0], [65535, 0xfffff, 2 ** 32 - 1], [443, 1, 7]])
def test_inet6_numbers_that_fit(codec, nums):
    assert codec(std.AF_INET6, V6, nums) == ("ok", std.AF_INET6, V6, nums)


@pytest.mark.parametrize("nums,message", [
    ([65536, 0, 0], "port must be 0-65535."),
    ([2 ** 64 - 1, 0, 0], "port must be 0-65535."),
    ([80, 0x100000, 0], "flowinfo must be 0-1048575."),
    ([80, 0, 2 ** 32], "scope_id must be 0-4294967295."),
])
def test_inet6_numbers_that_do_not_fit(codec, nums, message):
    assert codec(std.AF_INET6, V6, nums) == ("refused", message)


@pytest.mark.parametrize("family,size", [(std.AF_INET, 3), (std.AF_INET, 16), (std.AF_INET6, 4)])
def test_wrong_address_sizes(codec, family, size):
    name = "AF_INET" if family == std.AF_INET else "AF_INET6"
    want = 4 if family == std.AF_INET else 16
    assert codec(family, bytes(size), [80]) == ("refused", f"{name} address must be {want} bytes")


# struct sockaddr_in and sockaddr_in6 are 16 and 28 bytes on every POSIX
# target built (Linux, macOS, the BSDs).
@pytest.mark.parametrize("family,packed,size", [(std.AF_INET, V4, 16), (std.AF_INET6, V6, 28)])
def test_output_buffer_of_exactly_the_address_size(codec, family, packed, size):
    nums = [80] if family == std.AF_INET else [80, 0, 0]
    assert codec(family, packed, nums, capacity=size) == ("ok", family, packed, nums)
    assert codec(family, packed, nums, capacity=size - 1) == ("refused", "address buffer too small")


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="Linux's sun_path (108 bytes) and abstract names")
@pytest.mark.parametrize("path,fits", [
    (b"/" + b"p" * 106, True), (b"/" + b"p" * 107, False),           # file-system: room for the NUL
    (b"\0" + b"a" * 107, True), (b"\0" + b"a" * 108, False),         # abstract: no NUL
    (b"", True),                                                     # autobind
])
def test_unix_path_lengths(codec, path, fits):
    got = codec(std.AF_UNIX, path, [])
    if fits:
        assert got == ("ok", std.AF_UNIX, path, [])
    else:
        assert got == ("refused", "AF_UNIX path too long")
