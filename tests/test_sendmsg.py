"""sendmsg / recvmsg / recvmsg_into: data, flags, addresses, timeouts and the
GIL, each scenario run through the stdlib and through pysock (the ``mod``
fixture) with the same expectations."""

import errno
import socket as std
import sys

import pytest

from sockutil import ebadf_expectation, linux_only, make, run_while_blocked, tcp_connection, udp_pair, unix_pair

HAS_SENDMSG = hasattr(std.socket, "sendmsg")
HAS_UNIX = hasattr(std, "AF_UNIX")
pytestmark = pytest.mark.skipif(not HAS_SENDMSG, reason="the stdlib has no sendmsg/recvmsg on this platform")


def test_names_match_stdlib(pysock):
    for name in ("sendmsg", "recvmsg", "recvmsg_into", "sendmsg_afalg"):
        assert hasattr(pysock.socket, name) == hasattr(std.socket, name), name
    for name in ("CMSG_LEN", "CMSG_SPACE", "send_fds", "recv_fds"):
        assert hasattr(pysock, name) == hasattr(std, name), name
        assert (name in pysock.__all__) == (name in std.__all__), name


def test_scatter_gather(mod, socks):
    a, b = unix_pair(mod, socks)
    parts = [b"ab", bytearray(b"cd"), memoryview(b"xefx")[1:3], b"", (c for c in [b"gh"])]
    assert a.sendmsg(parts[:4]) == 6
    assert b.recvmsg(100) == (b"abcdef", [], 0, None)
    # Any iterable of bytes-like objects, including a generator.
    assert a.sendmsg(c for c in [b"gh", b"ij"]) == 4
    assert b.recvmsg(100, 0, 0) == (b"ghij", [], 0, None)
    assert a.sendmsg([]) == 0
    assert b.recvmsg(10) == (b"", [], 0, None)


def test_stream_sendmsg_recvmsg(mod, socks):
    a, b = unix_pair(mod, socks, mod.SOCK_STREAM)
    assert a.sendmsg([b"hello ", b"world"]) == 11
    data = b""
    while len(data) < 11:
        chunk, anc, flags, addr = b.recvmsg(11 - len(data))
        assert (anc, flags, addr) == ([], 0, None)
        data += chunk
    assert data == b"hello world"


def test_large_message(mod, socks):
    a, b = unix_pair(mod, socks)
    payload = bytes(range(256)) * 64  # 16 KiB: beyond the stack buffer
    assert a.sendmsg([payload[:5000], payload[5000:]]) == len(payload)
    assert b.recvmsg(len(payload) + 100) == (payload, [], 0, None)


def test_peek_then_read(mod, socks):
    a, b = unix_pair(mod, socks)
    a.sendmsg([b"peekaboo"])
    assert b.recvmsg(100, 0, mod.MSG_PEEK) == (b"peekaboo", [], 0, None)
    assert b.recvmsg(100) == (b"peekaboo", [], 0, None)


def test_msg_trunc_in_result(mod, socks):
    a, b = unix_pair(mod, socks)
    a.sendmsg([b"0123456789"])
    data, anc, flags, addr = b.recvmsg(4)
    assert (data, anc, addr) == (b"0123", [], None)
    assert flags & mod.MSG_TRUNC
    # Asking for MSG_TRUNC: Linux reports the real datagram length; the data
    # is still only what fitted.


@linux_only
def test_msg_trunc_flag_into_reports_full_length(mod, socks):
    """Linux returns the whole datagram's length when asked with MSG_TRUNC."""
    a, b = unix_pair(mod, socks)
    a.sendmsg([b"0123456789"])
    buf = bytearray(4)
    n, anc, flags, addr = b.recvmsg_into([buf], 0, mod.MSG_TRUNC)
    assert (n, bytes(buf), anc, addr) == (10, b"0123", [], None)
    assert flags & mod.MSG_TRUNC
    a.sendmsg([b"0123456789"])
    data, anc, flags, addr = b.recvmsg(4, 0, mod.MSG_TRUNC)
    assert data == b"0123"


def test_recvmsg_into_several_buffers(mod, socks):
    a, b = unix_pair(mod, socks)
    a.sendmsg([b"abcdefghijklmnop"])
    b1 = bytearray(3)
    b2 = bytearray(10)
    b3 = bytearray(100)
    result = b.recvmsg_into([b1, memoryview(b2)[2:9], b3])
    assert result == (16, [], 0, None)
    assert bytes(b1) == b"abc"
    assert bytes(b2) == b"\0\0defghij\0"
    assert bytes(b3[:6]) == b"klmnop"


def test_recvmsg_into_empty_list(mod, socks):
    a, b = unix_pair(mod, socks)
    a.sendmsg([b"xyz"])
    n, anc, flags, addr = b.recvmsg_into([])
    assert (n, anc, addr) == (0, [], None)
    assert flags & mod.MSG_TRUNC


def test_udp_addresses(mod, socks):
    a, b = udp_pair(mod, track=socks)
    assert a.sendmsg([b"to b", b"!"], [], 0, b.getsockname()) == 5
    data, anc, flags, addr = b.recvmsg(100)
    assert (data, anc, flags, addr) == (b"to b!", [], 0, a.getsockname())
    # address None means "no address" (a connected or unconnected socket).
    a.connect(b.getsockname())
    assert a.sendmsg([b"x"], [], 0, None) == 1
    buf = bytearray(8)
    assert b.recvmsg_into([buf]) == (1, [], 0, a.getsockname())


def test_udp_sendmsg_without_destination(mod, socks):
    a = make(mod, mod.AF_INET, mod.SOCK_DGRAM, track=socks)
    with pytest.raises(OSError) as info:
        a.sendmsg([b"x"])
    assert info.value.errno == errno.EDESTADDRREQ


def test_tcp_recvmsg_address_is_none(mod, socks):
    _, cli, srv = tcp_connection(mod, track=socks)
    cli.sendmsg([b"tcp"])
    assert srv.recvmsg(3) == (b"tcp", [], 0, None)


def test_recvmsg_timeout(mod, socks):
    a, b = unix_pair(mod, socks)
    b.settimeout(0.05)
    with pytest.raises(TimeoutError) as info:
        b.recvmsg(10)
    assert str(info.value) == "timed out"
    with pytest.raises(TimeoutError):
        b.recvmsg_into([bytearray(4)], 64)


def test_recvmsg_nonblocking(mod, socks):
    a, b = unix_pair(mod, socks)
    b.setblocking(False)
    with pytest.raises(BlockingIOError):
        b.recvmsg(10)
    with pytest.raises(BlockingIOError):
        b.recvmsg_into([bytearray(4)])


def test_sendmsg_timeout_when_full(mod, socks):
    a, b = unix_pair(mod, socks)
    a.setblocking(False)
    chunk = b"x" * 4096
    with pytest.raises(BlockingIOError):
        for _ in range(100000):
            a.sendmsg([chunk])
    a.settimeout(0.05)
    with pytest.raises(TimeoutError):
        a.sendmsg([chunk])


def test_closed_socket_is_ebadf(mod):
    expected = ebadf_expectation()[0]
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    b.close()
    a.close()
    for call in (lambda: a.sendmsg([b"x"]), lambda: a.recvmsg(1), lambda: a.recvmsg_into([bytearray(1)])):
        with pytest.raises(OSError) as info:
            call()
        assert info.value.errno == expected


def test_blocking_recvmsg_releases_gil(mod, socks):
    """A thread waiting in recvmsg lets the main thread run and send."""
    a, b = unix_pair(mod, socks)
    _, result = run_while_blocked(lambda: b.recvmsg(16), lambda: a.sendmsg([b"done"]), 0.2)
    assert result == [(b"done", [], 0, None)]


def test_same_results_both_modules(both, socks):
    """The same datagram sequence through both modules gives equal tuples."""
    out = []
    for m in both:
        a, b = unix_pair(m, socks)
        a.sendmsg([b"one"], [])
        a.sendmsg([b"two", b"three"], (), 0)
        res = [b.recvmsg(100, 0), b.recvmsg(5, 64, m.MSG_PEEK), b.recvmsg(5)]
        out.append([(d, anc, int(f), addr) for d, anc, f, addr in res])
    assert out[0] == out[1]


class Boom(Exception):
    pass


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="needs signal.setitimer")
@pytest.mark.parametrize("mode", ["timeout", "blocking"])
def test_recvmsg_signals(mod, socks, mode):
    """PEP 475: a signal whose handler returns retries the call; one whose
    handler raises ends it with that exception."""
    import signal

    a, b = unix_pair(mod, socks)
    b.settimeout(2.0 if mode == "timeout" else None)
    fired = []

    def handler(signum, frame):
        fired.append(signum)
        if len(fired) == 3:
            a.sendmsg([b"after signals"])
        if len(fired) == 6:
            raise Boom()

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
    try:
        assert b.recvmsg(100) == (b"after signals", [], 0, None)
        assert len(fired) >= 3
        with pytest.raises(Boom):
            b.recvmsg_into([bytearray(10)])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_sendmsg_releases_the_buffers_it_took_differential(both):
    """After the call no payload or ancillary buffer stays exported: the
    objects can be resized again, as after the stdlib's sendmsg."""
    import array

    if not hasattr(std, "SCM_RIGHTS"):
        pytest.skip("no SCM_RIGHTS")
    got = []
    for m in both:
        a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
        with a, b:
            payload, rights = bytearray(b"data"), array.array("i", [a.fileno()])
            sent = a.sendmsg([payload], [(m.SOL_SOCKET, m.SCM_RIGHTS, rights)])
            _, ancdata, _, _ = b.recvmsg(16, m.CMSG_SPACE(rights.itemsize))
            for _, _, data in ancdata:
                import os

                os.close(array.array("i", data[:rights.itemsize])[0])
            resized = []
            for o in (payload, rights):
                try:
                    o.extend(o[:1])
                    resized.append(True)
                except BufferError:
                    resized.append(False)
            got.append((sent, resized))
    assert got == [(4, [True, True])] * 2


@pytest.mark.skipif(sys.version_info < (3, 12), reason="__buffer__ (Python code run while a buffer is taken) is 3.12's")
@pytest.mark.parametrize("call", ["recvmsg_into", "sendmsg"])
def test_buffer_list_shrunk_while_taken_raises(pysock, call):
    """An item's __buffer__ empties the list being read: IndexError, never a
    read past the list (the stdlib crashes here: no differential)."""
    if not hasattr(pysock.socket, call):
        pytest.skip(f"no {call} on this platform")
    a, b = pysock.socketpair()
    with a, b:
        inner = []

        class Shrinks:
            def __buffer__(self, flags):
                inner.clear()
                return memoryview(bytearray(10))

        inner[:] = [Shrinks(), bytearray(10)]
        a.send(b"hello")
        with pytest.raises(IndexError):
            if call == "recvmsg_into":
                b.recvmsg_into(inner)
            else:
                a.sendmsg(inner)
