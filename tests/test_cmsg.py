"""Ancillary data: CMSG_LEN / CMSG_SPACE against the stdlib, SCM_RIGHTS with
real descriptors (and no leaks), SCM_CREDENTIALS, MSG_CTRUNC, and
send_fds / recv_fds."""

import array
import gc
import os
import socket as std
import struct
import sys
import warnings

import pytest

from sockutil import count_fds, linux_only, unix_pair

pytestmark = pytest.mark.skipif(not hasattr(std, "CMSG_LEN"), reason="the stdlib has no CMSG_LEN on this platform")

HAS_FD_COUNT = count_fds() is not None
INT = array.array("i").itemsize


def describe(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


SIZES = (
    list(range(0, 70))
    + [255, 256, 1000, 4096, 65535]
    + [2**31 - 1 - d for d in range(0, 40)]
    + [2**31, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64, -1, -2**63, -2**63 - 1, sys.maxsize]
)


@pytest.mark.parametrize("name", ["CMSG_LEN", "CMSG_SPACE"])
def test_cmsg_sizes_match_stdlib(pysock, name):
    ours, theirs = getattr(pysock, name), getattr(std, name)
    for n in SIZES:
        assert describe(ours, n) == describe(theirs, n), n


@pytest.mark.parametrize("name", ["CMSG_LEN", "CMSG_SPACE"])
def test_cmsg_size_argument_errors(pysock, name):
    ours, theirs = getattr(pysock, name), getattr(std, name)
    for args in [(), (1, 2), (1.0,), ("1",), (None,), (True,)]:
        assert describe(ours, *args) == describe(theirs, *args), args
    with pytest.raises(TypeError) as a:
        ours(length=1)
    with pytest.raises(TypeError) as b:
        theirs(length=1)
    assert str(a.value) == str(b.value)


def test_cmsg_overflow_messages(mod):
    with pytest.raises(OverflowError, match=r"^CMSG_LEN\(\) argument out of range$"):
        mod.CMSG_LEN(-1)
    with pytest.raises(OverflowError, match=r"^CMSG_SPACE\(\) argument out of range$"):
        mod.CMSG_SPACE(2**31)


def test_cmsg_values_are_consistent(mod):
    # CMSG_LEN(n) = header + n; CMSG_SPACE pads to the alignment.
    header = mod.CMSG_LEN(0)
    assert all(mod.CMSG_LEN(n) == header + n for n in range(64))
    assert all(mod.CMSG_SPACE(n) >= mod.CMSG_LEN(n) for n in range(64))


# -- SCM_RIGHTS ----------------------------------------------------------------------


def test_pass_descriptors(mod, socks):
    a, b = unix_pair(mod, socks)
    r, w = os.pipe()
    try:
        fds = array.array("i", [w, r])
        assert a.sendmsg([b"fds"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, fds)]) == 3
        data, anc, flags, addr = b.recvmsg(10, mod.CMSG_SPACE(2 * INT))
        assert (data, flags, addr) == (b"fds", 0, None)
        assert len(anc) == 1
        level, kind, payload = anc[0]
        assert (level, kind, len(payload)) == (mod.SOL_SOCKET, mod.SCM_RIGHTS, 2 * INT)
        got = array.array("i")
        got.frombytes(payload)
        new_w, new_r = got
        assert new_w not in (r, w) and new_r not in (r, w)
        try:
            os.write(new_w, b"through the copy")
            assert os.read(r, 100) == b"through the copy"
            os.write(w, b"back")
            assert os.read(new_r, 100) == b"back"
            # Received descriptors are close-on-exec only if asked (as stdlib).
        finally:
            os.close(new_w)
            os.close(new_r)
    finally:
        os.close(r)
        os.close(w)


def test_several_items_and_ctrunc(mod, socks):
    """Two items, and a control buffer too small for all descriptors."""
    a, b = unix_pair(mod, socks)
    r, w = os.pipe()
    try:
        items = [
            (mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r])),
            (mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [w, w])),
        ]
        a.sendmsg([b"x"], items)
        before = count_fds()
        data, anc, flags, addr = b.recvmsg(10, mod.CMSG_LEN(INT))
        assert data == b"x"
        assert flags & mod.MSG_CTRUNC
        received = []
        for level, kind, payload in anc:
            assert (level, kind) == (mod.SOL_SOCKET, mod.SCM_RIGHTS)
            received.extend(array.array("i", payload[: len(payload) - len(payload) % INT]))
        assert len(received) == 1  # the kernel dropped what did not fit
        if before is not None:
            assert count_fds() == before + 1
        for fd in received:
            os.close(fd)
    finally:
        os.close(r)
        os.close(w)


def test_zero_ancbufsize_drops_descriptors(mod, socks):
    a, b = unix_pair(mod, socks)
    r, w = os.pipe()
    try:
        a.sendmsg([b"x"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r]))])
        before = count_fds()
        data, anc, flags, addr = b.recvmsg(10)
        assert (data, anc, addr) == (b"x", [], None)
        assert flags & mod.MSG_CTRUNC
        if before is not None:
            assert count_fds() == before
    finally:
        os.close(r)
        os.close(w)


def test_recvmsg_into_with_descriptors(mod, socks):
    a, b = unix_pair(mod, socks, mod.SOCK_STREAM)
    r, w = os.pipe()
    try:
        a.sendmsg([b"abc", b"def"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r]))])
        b1, b2 = bytearray(2), bytearray(10)
        n, anc, flags, addr = b.recvmsg_into([b1, b2], mod.CMSG_SPACE(INT))
        assert (n, bytes(b1), bytes(b2[:4]), flags, addr) == (6, b"ab", b"cdef", 0, None)
        [(level, kind, payload)] = anc
        [fd] = array.array("i", payload)
        os.write(w, b"!")
        assert os.read(fd, 1) == b"!"
        os.close(fd)
    finally:
        os.close(r)
        os.close(w)


@pytest.mark.skipif(not HAS_FD_COUNT, reason="needs /proc/self/fd (Linux)")
def test_no_descriptor_leaks(mod, socks):
    a, b = unix_pair(mod, socks)
    r, w = os.pipe()

    def rounds():
        for _ in range(20):
            a.sendmsg([b"x"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r, w]))])
            _, anc, _, _ = b.recvmsg(10, mod.CMSG_SPACE(2 * INT))
            for _, _, payload in anc:
                for fd in array.array("i", payload):
                    os.close(fd)
            # Truncated, and dropped entirely.
            a.sendmsg([b"x"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r, w]))])
            _, anc, _, _ = b.recvmsg(10, mod.CMSG_LEN(INT))
            for _, _, payload in anc:
                for fd in array.array("i", payload[: len(payload) - len(payload) % INT]):
                    os.close(fd)
            a.sendmsg([b"x"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r]))])
            b.recvmsg(10, 0)
            # Failed calls: bad arguments after some items were accepted.
            with pytest.raises(TypeError):
                a.sendmsg([b"x"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r])), (1, 2)])
            with pytest.raises(TypeError):
                b.recvmsg_into([bytearray(1), b"ro"], 64)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            rounds()
            gc.collect()
            before = count_fds()
            rounds()
            gc.collect()
            assert count_fds() == before
    finally:
        os.close(r)
        os.close(w)


# -- SCM_CREDENTIALS -------------------------------------------------------------------


@linux_only
def test_credentials(mod, socks):
    if not hasattr(std, "SCM_CREDENTIALS"):
        pytest.skip("no SCM_CREDENTIALS")
    a, b = unix_pair(mod, socks)
    b.setsockopt(mod.SOL_SOCKET, mod.SO_PASSCRED, 1)
    ucred = struct.pack("3i", os.getpid(), os.getuid(), os.getgid())
    # Sent explicitly...
    a.sendmsg([b"me"], [(mod.SOL_SOCKET, mod.SCM_CREDENTIALS, ucred)])
    assert b.recvmsg(10, mod.CMSG_SPACE(len(ucred))) == (
        b"me", [(mod.SOL_SOCKET, mod.SCM_CREDENTIALS, ucred)], 0, None)
    # ... or filled in by the kernel.
    a.sendmsg([b"again"])
    assert b.recvmsg(10, mod.CMSG_SPACE(len(ucred))) == (
        b"again", [(mod.SOL_SOCKET, mod.SCM_CREDENTIALS, ucred)], 0, None)
    # A buffer one byte short: the item comes back cut, with MSG_CTRUNC.
    a.sendmsg([b"cut"])
    data, anc, flags, addr = b.recvmsg(10, mod.CMSG_LEN(len(ucred)) - 1)
    assert data == b"cut" and flags & mod.MSG_CTRUNC
    assert anc == [(mod.SOL_SOCKET, mod.SCM_CREDENTIALS, ucred[:-1])]


@linux_only
def test_credentials_same_as_stdlib(both, socks):
    out = []
    for m in both:
        a, b = unix_pair(m, socks)
        b.setsockopt(m.SOL_SOCKET, m.SO_PASSCRED, 1)
        res = []
        for size in (0, 1, m.CMSG_LEN(0) - 1, m.CMSG_LEN(0), m.CMSG_LEN(5), m.CMSG_LEN(12), m.CMSG_SPACE(12), 500):
            a.sendmsg([b"abc"])
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                data, anc, flags, addr = b.recvmsg(10, size)
            res.append((size, data, anc, int(flags), addr, [str(w.message) for w in caught]))
        out.append(res)
    assert out[0] == out[1]


def test_bad_control_message_is_rejected(mod, socks):
    a, b = unix_pair(mod, socks)
    with pytest.raises(OSError) as info:
        a.sendmsg([b"x"], [(mod.SOL_SOCKET, 0x7777, b"")])
    assert info.value.errno == 22  # EINVAL, from the kernel


# -- send_fds / recv_fds -------------------------------------------------------------------


def test_send_fds_recv_fds(mod, socks):
    a, b = unix_pair(mod, socks)
    r, w = os.pipe()
    try:
        assert mod.send_fds(a, [b"fd", b"s"], [r, w]) == 3
        data, fds, flags, addr = mod.recv_fds(b, 10, 4)
        assert (data, len(fds), flags, addr) == (b"fds", 2, 0, None)
        os.write(fds[1], b"ok")
        assert os.read(fds[0], 2) == b"ok"
        for fd in fds:
            os.close(fd)
        # maxfds smaller than what was sent: truncated, the rest dropped.
        mod.send_fds(a, [b"y"], [r, w, r])
        data, fds, flags, addr = mod.recv_fds(b, 10, 1)
        assert data == b"y" and len(fds) == 1 and flags & mod.MSG_CTRUNC
        os.close(fds[0])
        # No descriptors at all.
        a.sendmsg([b"plain"])
        assert mod.recv_fds(b, 10, 2) == (b"plain", [], 0, None)
    finally:
        os.close(r)
        os.close(w)


@pytest.mark.skipif(not hasattr(std, "SO_PASSCRED"), reason="SO_PASSCRED is Linux's")
def test_recv_fds_takes_only_the_rights_item_differential(both, socks):
    """With SO_PASSCRED on, a message brings SCM_CREDENTIALS (also at level
    SOL_SOCKET) before SCM_RIGHTS: recv_fds returns the descriptors alone,
    as the stdlib's does, not the credentials' three ints as well."""
    got = []
    for mod in both:
        a, b = unix_pair(mod, socks)
        b.setsockopt(mod.SOL_SOCKET, mod.SO_PASSCRED, 1)
        r, w = os.pipe()
        try:
            mod.send_fds(a, [b"creds"], [r, w])
            data, fds, flags, addr = mod.recv_fds(b, 10, 16)
            got.append((data, len(fds), flags, addr))
            for fd in fds:
                os.close(fd)
        finally:
            os.close(r)
            os.close(w)
    assert got[0] == got[1] == (b"creds", 2, 0, None)


def test_send_fds_ignores_flags_and_address_as_stdlib(mod, socks):
    # The stdlib accepts flags and address but does not pass them on.
    a, b = unix_pair(mod, socks)
    r, w = os.pipe()
    try:
        assert mod.send_fds(a, [b"z"], [r], mod.MSG_DONTWAIT, "/nonexistent/address") == 1
        data, fds, flags, addr = mod.recv_fds(b, 10, 1, mod.MSG_PEEK)
        assert data == b"z" and len(fds) == 1
        os.close(fds[0])
        b.setblocking(False)
        with pytest.raises(BlockingIOError):
            b.recvmsg(10)  # consumed: recv_fds did not pass MSG_PEEK on
    finally:
        os.close(r)
        os.close(w)
