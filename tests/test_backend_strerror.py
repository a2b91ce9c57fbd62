"""The backend's `strerror` entry, called through the vtable with ctypes:
the message the stdlib shows for an errno (os.strerror), and for a kind the
backend does not know "Unknown error N"; cut to any buffer, always
NUL-terminated, and not one byte written past the buffer it was given (the
binding's buffer is always large enough, so only a direct call can see a
short one)."""
import ctypes
import errno
import os

import pytest

import vtableutil

pytestmark = [pytest.mark.pysock_only,
              pytest.mark.skipif(os.name != "posix", reason="the POSIX backend's entry (backends/posix/errors.zig)")]

GUARD = 0xEE
KIND_OS, KIND_UNKNOWN = 1, 99  # ErrorKind (backends/abi/vtable.zig); 99 is none of them


@pytest.fixture
def strerror(pysock):
    if not os.path.exists(vtableutil.VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    fn = vtableutil.entry("strerror", None, ctypes.c_uint32, ctypes.c_int32, ctypes.c_void_p, ctypes.c_size_t)

    def call(kind, code, size):
        raw = (ctypes.c_uint8 * (size + 8))(*([GUARD] * (size + 8)))
        fn(kind, code, ctypes.addressof(raw), size)
        written = bytes(raw[:size])
        assert bytes(raw[size:]) == bytes([GUARD] * 8), "written past the buffer"
        assert size == 0 or 0 in written, "not terminated"
        return written.split(b"\0")[0].decode() if size else None

    return call


@pytest.mark.parametrize("code", [errno.ECONNREFUSED, errno.EBADF, 4000])
def test_errno_message_is_the_c_librarys(strerror, code):
    full = os.strerror(code)
    assert strerror(KIND_OS, code, 256) == full
    for size in (1, 2, 5, len(full), len(full) + 1):
        assert strerror(KIND_OS, code, size) == full[:size - 1]


@pytest.mark.parametrize("code", [7, -12345])
def test_unknown_kind_reads_unknown_error(strerror, code):
    full = f"Unknown error {code}"
    assert strerror(KIND_UNKNOWN, code, 64) == full
    for size in (1, 2, 8, len(full) - 1, len(full), len(full) + 1):
        assert strerror(KIND_UNKNOWN, code, size) == full[:size - 1]


def test_empty_buffer_is_left_alone(strerror):
    assert strerror(KIND_UNKNOWN, 1, 0) is None
    assert strerror(KIND_OS, errno.EBADF, 0) is None
