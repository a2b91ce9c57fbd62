"""The backend's control-message walker (`cmsg_next`) against the C library.

A real kernel never hands recvmsg a malformed or cut-short control item on
Linux (it shortens cmsg_len to what fits), so the stdlib's RuntimeWarning
path cannot be reached through a socket here. This test feeds crafted
control buffers to the backend's `cmsg_next` through ctypes and compares the
walk with a model of the stdlib's loop that uses glibc's own
CMSG_FIRSTHDR / __cmsg_nxthdr: the same items, the same point where the
walk stops, and a warning in the same places.
"""

import ctypes
import ctypes.util
import os
import random
import re
import struct
import sys

import pytest

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not sys.platform.startswith("linux") or struct.calcsize("P") != 8,
                       reason="compares with glibc's CMSG macros on 64-bit Linux"),
]

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))
VTABLE_ZIG = os.path.join(REPO, "backends", "abi", "vtable.zig")

HDR = 16  # sizeof(struct cmsghdr) = CMSG_LEN(0) = CMSG_SPACE(0) on 64-bit Linux


class Ancillary(ctypes.Structure):
    _fields_ = [("level", ctypes.c_int32), ("type", ctypes.c_int32), ("data", ctypes.c_void_p),
                ("len", ctypes.c_size_t), ("truncated", ctypes.c_uint32), ("_reserved", ctypes.c_uint32)]


class Msghdr(ctypes.Structure):
    _fields_ = [("msg_name", ctypes.c_void_p), ("msg_namelen", ctypes.c_uint32),
                ("msg_iov", ctypes.c_void_p), ("msg_iovlen", ctypes.c_size_t),
                ("msg_control", ctypes.c_void_p), ("msg_controllen", ctypes.c_size_t),
                ("msg_flags", ctypes.c_int)]


NextFn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t,
                          ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(Ancillary))


def _vtable_offset(field):
    """Byte offset of a vtable field: every field from `platform` on is
    pointer-sized; the three before it take 16 bytes."""
    src = open(VTABLE_ZIG, encoding="utf-8").read()
    body = src[src.index("pub const Vtable = extern struct {"):]
    body = body[:body.index("\n};")]
    names = re.findall(r"^    (\w+): ", body, re.M)
    assert names[:4] == ["abi_version", "struct_size", "capabilities", "platform"]
    return 16 + 8 * (names.index(field) - 3)


@pytest.fixture
def walker(pysock):
    if not os.path.exists(VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    from pysock import _loader
    lib = ctypes.CDLL(_loader.path)
    lib.pysock_backend_vtable.restype = ctypes.c_void_p
    table = lib.pysock_backend_vtable()
    fn = ctypes.c_void_p.from_address(table + _vtable_offset("cmsg_next")).value
    assert fn, "cmsg_next is null"
    return NextFn(fn)


@pytest.fixture
def nxthdr():
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    f = getattr(libc, "__cmsg_nxthdr", None)
    if f is None:
        pytest.skip("the C library exports no __cmsg_nxthdr (not glibc)")
    f.restype = ctypes.c_void_p
    f.argtypes = [ctypes.POINTER(Msghdr), ctypes.c_void_p]
    return f


def stdlib_model(buf, nxthdr):
    """What the stdlib's recvmsg does with control bytes `buf`: a list of
    ("item", level, type, data) and ("warn",) events."""
    raw = ctypes.create_string_buffer(bytes(buf), len(buf) or 1)
    base = ctypes.addressof(raw)
    msg = Msghdr(msg_control=base, msg_controllen=len(buf))
    events = []
    cur = base if len(buf) >= HDR else None  # CMSG_FIRSTHDR (and controllen > 0)
    while cur is not None:
        off = cur - base
        # get_cmsg_data_len
        if off + HDR > len(buf):
            status = -1
        else:
            cmsg_len = struct.unpack_from("Q", buf, off)[0]
            if cmsg_len < HDR:
                status = -1
            else:
                want = cmsg_len - HDR
                space = len(buf) - off - HDR
                status, size = (0, want) if space >= want else (1, space)
        if status != 0:
            events.append(("warn",))
        if status < 0:
            break
        level, kind = struct.unpack_from("ii", buf, off + 8)
        events.append(("item", level, kind, bytes(buf[off + HDR:off + HDR + size])))
        if status != 0:
            break
        cur = nxthdr(ctypes.byref(msg), cur)
    return events


def backend_walk(buf, walker):
    raw = ctypes.create_string_buffer(bytes(buf), len(buf) or 1)
    cursor = ctypes.c_size_t(0)
    item = Ancillary()
    events = []
    for _ in range(len(buf) + 2):
        r = walker(ctypes.addressof(raw), len(buf), ctypes.byref(cursor), ctypes.byref(item))
        if r == 0:
            return events
        if r < 0 or item.truncated:
            events.append(("warn",))
        if r < 0:
            return events
        data = ctypes.string_at(item.data, item.len) if item.len else b""
        events.append(("item", item.level, item.type, data))
    raise AssertionError("the walk does not end")


def craft(rng):
    """Control bytes: a few headers with honest, short, long or tiny lengths,
    then a random cut."""
    out = bytearray()
    for _ in range(rng.randint(0, 4)):
        n = rng.choice([0, 1, 4, 8, 12, 13, 24])
        data = bytes(rng.randrange(256) for _ in range(n))
        cmsg_len = rng.choice([HDR + n, HDR + n, HDR + n + rng.randint(1, 40), rng.randint(0, HDR - 1),
                               HDR + max(0, n - rng.randint(1, 4)), 2**64 - 1])
        item = struct.pack("Qii", cmsg_len, rng.randint(0, 3), rng.randint(0, 3)) + data
        item += bytes((-len(item)) % 8)
        out += item
    cut = rng.choice([len(out), len(out), rng.randint(0, len(out) + 1)])
    return bytes(out[:cut])


def test_walk_matches_the_c_library(walker, nxthdr):
    rng = random.Random(20261128)
    cases = [b"", b"\0" * 8, b"\0" * 15, b"\0" * 16, struct.pack("Qii", 16, 1, 2),
             struct.pack("Qii", 17, 1, 2), struct.pack("Qii", 20, 1, 1) + b"abcd" + b"\0" * 4]
    cases += [craft(rng) for _ in range(3000)]
    warned = items = 0
    for buf in cases:
        expected = stdlib_model(buf, nxthdr)
        assert backend_walk(buf, walker) == expected, buf.hex()
        warned += ("warn",) in expected
        items += sum(e[0] == "item" for e in expected)
    # The crafted cases do exercise both paths.
    assert warned > 100 and items > 1000


class BackendError(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_int32), ("flags", ctypes.c_uint32), ("code", ctypes.c_int32),
                ("_reserved", ctypes.c_int32), ("message", ctypes.c_char_p)]


BuildFn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(Ancillary), ctypes.c_size_t, ctypes.c_void_p,
                           ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(BackendError))


@pytest.fixture
def builder(walker):
    from pysock import _loader
    lib = ctypes.CDLL(_loader.path)
    lib.pysock_backend_vtable.restype = ctypes.c_void_p
    fn = ctypes.c_void_p.from_address(lib.pysock_backend_vtable() + _vtable_offset("cmsg_build")).value
    assert fn, "cmsg_build is null"
    return BuildFn(fn)


def test_build_lays_items_out_as_the_c_library_and_refuses_a_short_buffer(builder):
    """cmsg_build against CMSG_LEN / CMSG_SPACE on 64-bit Linux: each item a
    header with cmsg_len = 16 + len, its data, zeros up to a multiple of 8;
    a buffer one byte short of the size it reported is refused, unwritten."""
    payloads = [(1, 1, b"abc"), (0, 2, b""), (41, 50, bytes(range(8))), (3, 4, b"x" * 13)]
    keep = [ctypes.create_string_buffer(data, len(data) or 1) for _, _, data in payloads]
    items = (Ancillary * len(payloads))(*[
        Ancillary(level=lv, type=ty, data=ctypes.addressof(buf), len=len(data))
        for (lv, ty, data), buf in zip(payloads, keep)])
    expected = b"".join(struct.pack("Qii", HDR + len(d), lv, ty) + d + bytes((-len(d)) % 8)
                        for lv, ty, d in payloads)
    size, err = ctypes.c_size_t(0), BackendError()
    assert builder(items, len(payloads), None, ctypes.byref(size), ctypes.byref(err)) == 0
    assert size.value == len(expected)
    out = ctypes.create_string_buffer(b"\xee" * len(expected), len(expected))
    assert builder(items, len(payloads), ctypes.addressof(out), ctypes.byref(size), ctypes.byref(err)) == 0
    assert out.raw == expected
    short = ctypes.c_size_t(len(expected) - 1)
    out = ctypes.create_string_buffer(b"\xee" * len(expected), len(expected))
    assert builder(items, len(payloads), ctypes.addressof(out), ctypes.byref(short), ctypes.byref(err)) < 0
    assert err.kind != 0 and err.message
    assert out.raw == b"\xee" * len(expected)


def test_build_refuses_a_total_beyond_the_address_space(builder):
    """Two items whose sizes each fit but whose sum overflows: refused with a
    message, not wrapped around (the size pass reads no data)."""
    half = 2**63
    items = (Ancillary * 2)(Ancillary(level=1, type=1, data=None, len=half),
                            Ancillary(level=1, type=1, data=None, len=half))
    size, err = ctypes.c_size_t(12345), BackendError()
    assert builder(items, 2, None, ctypes.byref(size), ctypes.byref(err)) < 0
    assert err.kind != 0 and err.message
