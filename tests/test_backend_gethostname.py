"""The backend's `gethostname` entry, called through the vtable with ctypes:
the name the stdlib reports, NUL-terminated, and not one byte written past
the buffer it was given (the binding's buffer is always large enough, so
only a direct call can see a write beyond it)."""
import ctypes
import os
import re
import socket as std

import pytest

pytestmark = [pytest.mark.pysock_only,
              pytest.mark.skipif(os.name != "posix", reason="the POSIX backend's entry (backends/posix/names.zig)")]

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))
VTABLE_ZIG = os.path.join(REPO, "backends", "abi", "vtable.zig")
GUARD = 0xEE


def _vtable_entry(lib, field):
    """The function pointer in the vtable's field: every field from
    `platform` on is pointer-sized, the three before it take 16 bytes."""
    src = open(VTABLE_ZIG, encoding="utf-8").read()
    body = src[src.index("pub const Vtable = extern struct {"):]
    names = re.findall(r"^    (\w+): ", body[:body.index("\n};")], re.M)
    assert names[:4] == ["abi_version", "struct_size", "capabilities", "platform"]
    lib.pysock_backend_vtable.restype = ctypes.c_void_p
    return ctypes.c_void_p.from_address(lib.pysock_backend_vtable() + 16 + 8 * (names.index(field) - 3)).value


@pytest.fixture
def gethostname(pysock):
    if not os.path.exists(VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    from pysock import _loader
    fn = _vtable_entry(ctypes.CDLL(_loader.path), "gethostname")
    return ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)(fn)


def test_gethostname_fills_only_its_buffer(gethostname):
    name = std.gethostname().encode()
    for size in (len(name) + 1, len(name) + 2, 256):
        raw = (ctypes.c_uint8 * (size + 8))(*([GUARD] * (size + 8)))
        err = ctypes.create_string_buffer(64)
        assert gethostname(ctypes.addressof(raw), size, ctypes.addressof(err)) == 0
        written = bytes(raw[:size])
        assert written.split(b"\0", 1)[0] == name, size
        assert list(raw[size:]) == [GUARD] * 8, size  # nothing past the buffer
