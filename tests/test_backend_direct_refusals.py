"""The POSIX backend's own refusals and fallbacks, called through the vtable
with ctypes: arguments the binding never passes (it checks them first, or
has no way to give them), so only a direct call reaches these paths. The
expectations are the backend's contract (backends/abi/vtable.zig): -1 with
an `os` error carrying the errno named, or the text `strerror` writes."""
import ctypes
import errno
import os
import struct
import sys

import pytest

from vtableutil import ERROR_KIND_ADDRESS, VTABLE_ZIG, Address, Error, entry

pytestmark = [pytest.mark.pysock_only,
              pytest.mark.skipif(os.name != "posix", reason="the POSIX backend (backends/posix/)")]

ERROR_KIND_OS = 1
LINUX = sys.platform.startswith("linux")


@pytest.fixture
def vt(pysock):
    if not os.path.exists(VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    return entry


def _os_error(rc, err):
    return (rc, err.kind, err.code)


# -- strerror: a kind the backend does not know reads "Unknown error N" ----------

def _strerror(vt, kind, code, size):
    fn = vt("strerror", None, ctypes.c_uint32, ctypes.c_int32, ctypes.c_void_p, ctypes.c_size_t)
    buf = (ctypes.c_uint8 * (size + 8))(*([0xAB] * (size + 8)))
    fn(kind, code, buf, size)
    return bytes(buf)


def test_strerror_unknown_kind_fits(vt):
    # The text, then one terminating NUL; nothing after it is touched.
    out = _strerror(vt, 99, 5, 32)
    assert out[:16] == b"Unknown error 5\x00"
    assert out[32:] == b"\xab" * 8


def test_strerror_unknown_kind_exact_fit(vt):
    # 15 bytes of text in a 15-byte buffer: the last byte becomes the NUL,
    # and nothing past the buffer is written.
    out = _strerror(vt, 99, 5, 15)
    assert out[:15] == b"Unknown error \x00"
    assert out[15:] == b"\xab" * 8


@pytest.mark.parametrize("size", [1, 2, 9, 14])
def test_strerror_unknown_kind_cut(vt, size):
    # Too small for the text: as much of it as fits, the last byte the NUL.
    out = _strerror(vt, 99, 12345, size)
    assert out[:size] == b"Unknown error 12345"[:size - 1] + b"\x00"
    assert out[size:] == b"\xab" * 8


# -- buffers of length 0 ----------------------------------------------------------

def test_gethostname_empty_buffer(vt):
    fn = vt("gethostname", ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(Error))
    buf = (ctypes.c_uint8 * 8)()
    err = Error()
    assert _os_error(fn(buf, 0, ctypes.byref(err)), err) == (-1, ERROR_KIND_OS, errno.EINVAL)


def test_if_indextoname_empty_buffer(vt):
    fn = vt("if_indextoname", ctypes.c_int, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_size_t,
            ctypes.POINTER(Error))
    buf = (ctypes.c_uint8 * 8)()
    err = Error()
    assert _os_error(fn(1, buf, 0, ctypes.byref(err)), err) == (-1, ERROR_KIND_OS, errno.EINVAL)


# -- host_by_addr: the native sockaddr's family and length -------------------------

def _host_by_addr(vt, native):
    fn = vt("host_by_addr", ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p,
            ctypes.POINTER(Error))
    buf = (ctypes.c_uint8 * 128)(*native)
    entry_out = (ctypes.c_uint8 * 256)()
    err = Error()
    return _os_error(fn(buf, len(native), entry_out, ctypes.byref(err)), err)


def _family_bytes(family):
    # sa_family: the first two bytes on Linux, the second byte (after sa_len) on the BSDs.
    if LINUX:
        return struct.pack("=H", family)
    return bytes([16, family & 0xFF])


def test_host_by_addr_other_family(vt):
    import socket as std
    native = _family_bytes(std.AF_UNIX) + bytes(14)
    assert _host_by_addr(vt, native) == (-1, ERROR_KIND_OS, errno.EAFNOSUPPORT)


@pytest.mark.parametrize("length", [2, 7])
def test_host_by_addr_too_short(vt, length):
    import socket as std
    native = (_family_bytes(std.AF_INET) + bytes([0, 80, 127, 0, 0, 1]) + bytes(8))[:length]
    assert _host_by_addr(vt, native) == (-1, ERROR_KIND_OS, errno.EINVAL)


# -- addr_encode of a family no codec knows ----------------------------------------

def _encode(vt, address):
    fn = vt("addr_encode", ctypes.c_int, ctypes.POINTER(Address), ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_uint32), ctypes.POINTER(Error))
    native = (ctypes.c_uint8 * 128)()
    length = ctypes.c_uint32(128)
    err = Error()
    return fn(ctypes.byref(address), native, ctypes.byref(length), ctypes.byref(err)), err


def test_addr_encode_unknown_family(vt):
    # Neither the shared codec nor a platform's family codec knows it.
    rc, err = _encode(vt, Address(family=250))
    assert _os_error(rc, err) == (-1, ERROR_KIND_OS, errno.EAFNOSUPPORT)


@pytest.mark.skipif(not LINUX, reason="AF_CAN: Linux's family codec")
def test_addr_encode_can_interface_name_too_long(vt):
    # 16 bytes do not fit an ifreq's name with its NUL: an unknown device,
    # not a name cut short (that is AF_PACKET's rule).
    a = Address(family=29, proto=1, name_len=16)  # AF_CAN, CAN_RAW
    a.name[:16] = list(b"abcdefghijklmnop")
    rc, err = _encode(vt, a)
    assert _os_error(rc, err) == (-1, ERROR_KIND_OS, errno.ENODEV)


@pytest.mark.skipif(not LINUX, reason="AF_PACKET: Linux's family codec")
@pytest.mark.parametrize("hw_len", [8, 9])
def test_addr_encode_packet_hardware_address_length(vt, hw_len):
    # sockaddr_ll's sll_addr holds 8 bytes: one more is refused by the
    # backend itself (the binding refuses it first with the stdlib's words).
    a = Address(family=17, name_len=2, data_len=hw_len)  # AF_PACKET on "lo"
    a.name[:2] = list(b"lo")
    a.data[:hw_len] = list(range(1, hw_len + 1))
    rc, err = _encode(vt, a)
    if hw_len == 8:
        assert rc == 0
    else:
        assert (rc, err.kind, err.message) == (-1, ERROR_KIND_ADDRESS, b"Hardware address must be 8 bytes or less")


@pytest.mark.skipif(not LINUX, reason="AF_ALG: Linux's family codec")
@pytest.mark.parametrize("type_len,name_len,refusal", [
    (13, 63, None), (14, 1, b"AF_ALG type too long."), (1, 64, b"AF_ALG name too long."),
], ids=["longest", "type-14", "name-64"])
def test_addr_encode_alg_lengths(vt, type_len, name_len, refusal):
    # struct sockaddr_alg's salg_type[14] and salg_name[64] keep a NUL: a
    # type of 13 bytes and a name of 63 fit, one more does not. (The binding
    # refuses longer ones first, with the stdlib's words, so only a direct
    # call reaches the backend's own check.)
    a = Address(family=38, name_len=type_len, data_len=name_len)  # AF_ALG
    a.name[:type_len] = list(b"t" * type_len)
    a.data[:name_len] = list(b"n" * name_len)
    rc, err = _encode(vt, a)
    if refusal is None:
        assert rc == 0
    else:
        assert (rc, err.kind, err.message) == (-1, ERROR_KIND_ADDRESS, refusal)


@pytest.mark.skipif(not LINUX, reason="AF_ALG: Linux's family codec")
def test_addr_decode_alg_feat_and_mask(vt):
    decode = vt("addr_decode", None, ctypes.c_void_p, ctypes.c_uint32, ctypes.POINTER(Address))
    # struct sockaddr_alg: family, type[14], feat, mask, name[64]
    native = struct.pack("=H14sII64s", 38, b"hash", 7, 9, b"sha256")
    buf = (ctypes.c_uint8 * len(native))(*native)
    out = Address()
    decode(buf, len(native), ctypes.byref(out))
    assert out.family == 38
    assert bytes(out.name[:out.name_len]) == b"hash"
    assert bytes(out.data[:out.data_len]) == b"sha256"
    assert list(out.nums[:2]) == [7, 9]


# -- wait: descriptors poll() would not report ---------------------------------------

def _wait(vt, handle):
    fn = vt("wait", ctypes.c_int, ctypes.c_int64, ctypes.c_int, ctypes.c_int32, ctypes.POINTER(Error))
    err = Error()
    return _os_error(fn(handle, 0, 0, ctypes.byref(err)), err)


@pytest.mark.parametrize("handle", [-1, 2 ** 31, -(2 ** 40)])
def test_wait_negative_descriptor(vt, handle):
    # poll() skips a negative descriptor (it would only sleep): EBADF at once.
    assert _wait(vt, handle) == (-1, ERROR_KIND_OS, errno.EBADF)


def test_wait_descriptor_not_open(vt):
    # The largest descriptor number, never open: POLLNVAL becomes EBADF.
    assert _wait(vt, 2 ** 31 - 1) == (-1, ERROR_KIND_OS, errno.EBADF)


# -- cmsg_build: an item whose length has no CMSG_SPACE ------------------------------

class Ancillary(ctypes.Structure):
    """abi.Ancillary (backends/abi/vtable.zig)."""
    _fields_ = [("level", ctypes.c_int32), ("type", ctypes.c_int32), ("data", ctypes.c_void_p),
                ("len", ctypes.c_size_t), ("truncated", ctypes.c_uint32), ("_reserved", ctypes.c_uint32)]


@pytest.mark.parametrize("length", [2 ** 64 - 1, 2 ** 64 - 8])
def test_cmsg_build_item_too_large(vt, length):
    if ctypes.sizeof(ctypes.c_size_t) != 8:
        pytest.skip("lengths for a 64-bit size_t")
    fn = vt("cmsg_build", ctypes.c_int, ctypes.POINTER(Ancillary), ctypes.c_size_t, ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(Error))
    items = (Ancillary * 1)(Ancillary(level=1, type=1, data=None, len=length))
    size = ctypes.c_size_t(12345)
    err = Error()
    rc = fn(items, 1, None, ctypes.byref(size), ctypes.byref(err))
    assert (rc, err.kind, err.message) == (-1, ERROR_KIND_ADDRESS, b"ancillary data item too large")
    assert size.value == 12345


# -- sendmsg/recvmsg: counts no msghdr can carry -------------------------------------
# msg_iovlen is a size_t on glibc and an int on musl and the BSDs;
# msg_controllen a size_t or a socklen_t. A count over the field's range is
# refused by the backend (EMSGSIZE, ENOBUFS) where the field is narrow, and
# by the kernel with the same errno where it is not (Linux: more than
# UIO_MAXIOV buffers, more than INT_MAX control bytes), before any byte of
# the buffers is read.

class Message(ctypes.Structure):
    """abi.Message (backends/abi/vtable.zig)."""
    _fields_ = [("buffers", ctypes.c_void_p), ("buffer_count", ctypes.c_size_t), ("addr", ctypes.c_void_p),
                ("addr_len", ctypes.c_uint32), ("msg_flags", ctypes.c_int32), ("control", ctypes.c_void_p),
                ("control_len", ctypes.c_size_t)]


def _msg_call(vt, pysock, name, **fields):
    fn = vt(name, ctypes.c_ssize_t, ctypes.c_int64, ctypes.POINTER(Message), ctypes.c_int32,
            ctypes.POINTER(Error))
    one = (ctypes.c_uint8 * 8)()
    buffers = (ctypes.c_void_p * 2)(ctypes.addressof(one), 8)
    msg = Message(buffers=ctypes.addressof(buffers), **dict({"buffer_count": 1}, **fields))
    a, b = pysock.socketpair(pysock.AF_UNIX, pysock.SOCK_DGRAM)
    with a, b:
        b.send(b"x")
        err = Error()
        return _os_error(fn(a.fileno(), ctypes.byref(msg), 0, ctypes.byref(err)), err)


@pytest.mark.skipif(not LINUX, reason="the kernel's limits named are Linux's")
@pytest.mark.parametrize("name", ["sendmsg", "recvmsg"])
def test_msg_buffer_count_too_large(vt, pysock, name):
    assert _msg_call(vt, pysock, name, buffer_count=2 ** 31) == (-1, ERROR_KIND_OS, errno.EMSGSIZE)


@pytest.mark.skipif(not LINUX, reason="the kernel's limits named are Linux's")
def test_sendmsg_control_too_large(vt, pysock):
    control = (ctypes.c_uint8 * 16)()
    assert (_msg_call(vt, pysock, "sendmsg", control=ctypes.addressof(control), control_len=2 ** 32 + 16)
            == (-1, ERROR_KIND_OS, errno.ENOBUFS))


@pytest.mark.skipif(not LINUX, reason="AF_TIPC: Linux's family codec")
@pytest.mark.parametrize("addrtype", [0, 4, 9, 2 ** 8 + 1])
def test_addr_encode_tipc_unknown_address_type(vt, addrtype):
    # TIPC_ADDR_NAMESEQ, _NAME and _ID are 1, 2 and 3 (the low byte counts).
    a = Address(family=30)  # AF_TIPC
    a.nums[0] = addrtype
    rc, err = _encode(vt, a)
    assert (rc, err.kind, err.message) == (-1, ERROR_KIND_ADDRESS, b"Invalid address type")


@pytest.mark.skipif(not LINUX, reason="a 16-bit sa_family (Linux)")
@pytest.mark.parametrize("family", [250, 4000])
def test_addr_decode_unknown_family_gives_sa_data(vt, family):
    # A family no codec knows: sockaddr's 14 sa_data bytes, as the stdlib
    # returns them: all 14 whatever the length given, those past it zero.
    decode = vt("addr_decode", None, ctypes.c_void_p, ctypes.c_uint32, ctypes.POINTER(Address))
    payload = bytes(range(1, 15))
    for length in (16, 4, 40):
        native = (_family_bytes(family) + payload + bytes(range(100, 124)))[:max(length, 16)]
        buf = (ctypes.c_uint8 * 128)(*native)
        out = Address()
        decode(buf, length, ctypes.byref(out))
        got = (out.family, bytes(out.data[:out.data_len]))
        want = (payload[:max(0, length - 2)] + bytes(14))[:14]
        assert got == (family, want), length


@pytest.mark.parametrize("size", [1, 2, 3, 4, 16])
def test_if_indextoname_fills_only_its_buffer(vt, pysock, size):
    # The loopback's name, cut to the buffer with its NUL, and not a byte
    # past it (the binding's buffer is always large enough).
    index, name = next((i, n) for i, n in pysock.if_nameindex() if n.startswith("lo"))
    fn = vt("if_indextoname", ctypes.c_int, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(Error))
    raw = (ctypes.c_uint8 * (size + 8))(*([0xEE] * (size + 8)))
    err = Error()
    assert fn(index, ctypes.addressof(raw), size, ctypes.byref(err)) == 0
    assert bytes(raw[size:]) == bytes([0xEE] * 8)
    assert bytes(raw[:size]).split(b"\0")[0] == name.encode()[:size - 1]
    assert 0 in bytes(raw[:size])


# -- cmsg_size: a length whose CMSG_LEN / CMSG_SPACE overflows size_t -----------------

@pytest.mark.parametrize("space", [0, 1], ids=["CMSG_LEN", "CMSG_SPACE"])
def test_cmsg_size_overflow_is_refused(vt, space):
    """The binding keeps lengths within socklen_t first; the backend itself
    answers -1 (out untouched) for a size_t length whose result would wrap."""
    fn = vt("cmsg_size", ctypes.c_int, ctypes.c_size_t, ctypes.c_int, ctypes.POINTER(ctypes.c_size_t))
    out = ctypes.c_size_t(12345)
    huge = 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1
    assert (fn(huge, space, ctypes.byref(out)), out.value) == (-1, 12345)
    import socket as std
    assert (fn(4, space, ctypes.byref(out)), out.value) == (0, (std.CMSG_SPACE if space else std.CMSG_LEN)(4))


# -- host_by_addr: the sockaddr must reach the end of its address ----------------------

@pytest.mark.skipif(not LINUX, reason="the Linux sockaddr_in layout")
def test_host_by_addr_needs_the_whole_address(vt):
    """A sockaddr_in cut right after sin_addr (8 bytes) is enough; one byte
    less is EINVAL, without a lookup. (The binding always passes the whole
    sockaddr.)"""
    import socket as std
    lookup = vt("host_by_addr", ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p,
                ctypes.POINTER(Error))
    free = vt("host_free", None, ctypes.c_void_p)
    sa = struct.pack("=H", std.AF_INET) + struct.pack("!H", 0) + std.inet_aton("127.0.0.1") + bytes(8)
    raw = ctypes.create_string_buffer(sa, len(sa))
    outcomes = []
    for length in (8, 7):
        entry = ctypes.create_string_buffer(128)
        err = Error()
        rc = lookup(raw, length, entry, ctypes.byref(err))
        if rc == 0:
            free(entry)
        outcomes.append((rc, err.kind, err.code) if rc else (rc,))
    assert outcomes == [(0,), (-1, ERROR_KIND_OS, errno.EINVAL)]
