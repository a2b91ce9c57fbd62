"""The backend's `gethostname` entry, called through the vtable with ctypes:
the name the stdlib reports, NUL-terminated, and not one byte written past
the buffer it was given (the binding's buffer is always large enough, so
only a direct call can see a write beyond it)."""
import ctypes
import os
import socket as std

import pytest

import vtableutil

pytestmark = pytest.mark.pysock_only

GUARD = 0xEE


@pytest.fixture
def gethostname(pysock):
    if not os.path.exists(vtableutil.VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    return vtableutil.entry("gethostname", ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)


def test_gethostname_fills_only_its_buffer(gethostname):
    # (The POSIX backend's entry is backends/posix/names.zig, Windows' backends/windows/names.zig.)
    name = std.gethostname().encode()
    for size in (len(name) + 1, len(name) + 2, 256):
        raw = (ctypes.c_uint8 * (size + 8))(*([GUARD] * (size + 8)))
        err = ctypes.create_string_buffer(64)
        assert gethostname(ctypes.addressof(raw), size, ctypes.addressof(err)) == 0
        written = bytes(raw[:size])
        assert written.split(b"\0", 1)[0] == name, size
        assert list(raw[size:]) == [GUARD] * 8, size  # nothing past the buffer


def test_gethostname_into_a_buffer_too_small(gethostname):
    # No room for the name and its NUL: an error (POSIX: the C library's,
    # ENAMETOOLONG or the name cut and terminated; Windows: the conversion
    # has no room) and, either way, nothing past the buffer.
    name = std.gethostname().encode()
    for size in (1, len(name) // 2 + 1, len(name)):
        raw = (ctypes.c_uint8 * (size + 8))(*([GUARD] * (size + 8)))
        err = ctypes.create_string_buffer(64)
        rc = gethostname(ctypes.addressof(raw), size, ctypes.addressof(err))
        assert list(raw[size:]) == [GUARD] * 8, size  # nothing past the buffer
        if rc == 0:
            assert 0 in bytes(raw[:size]), size  # terminated within it
