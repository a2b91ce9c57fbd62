"""send / sendall / sendto / recv / recv_into / recvfrom / recvfrom_into,
flags (MSG_PEEK), and bytes-like inputs and writable buffers."""

import array
import threading

import pytest

from sockutil import TIMEOUT, posix_semantics, make, outcome, recv_exactly, socketpair, tcp_connection, udp_pair

BYTES_LIKE = [
    pytest.param(lambda b: b, id="bytes"),
    pytest.param(bytearray, id="bytearray"),
    pytest.param(memoryview, id="memoryview"),
    pytest.param(lambda b: memoryview(bytearray(b)), id="memoryview-rw"),
    pytest.param(lambda b: array.array("B", b), id="array-B"),
    pytest.param(lambda b: memoryview(b"xx" + b + b"yy")[2:-2], id="memoryview-slice"),
]


@pytest.mark.parametrize("conv", BYTES_LIKE)
def test_send_bytes_like(mod, socks, conv):
    a, b = socketpair(mod, track=socks)
    assert a.send(conv(b"abcdef")) == 6
    assert b.recv(6) == b"abcdef"


@pytest.mark.parametrize("conv", BYTES_LIKE)
def test_sendall_bytes_like(mod, socks, conv):
    a, b = socketpair(mod, track=socks)
    assert a.sendall(conv(b"abcdef")) is None
    assert recv_exactly(b, 6) == b"abcdef"


def test_send_array_of_ints_counts_bytes(mod, socks):
    a, b = socketpair(mod, track=socks)
    arr = array.array("i", [1, 2, 3])
    n = a.send(arr)
    assert n == arr.itemsize * 3
    assert recv_exactly(b, n) == arr.tobytes()


def test_send_empty(mod, socks):
    a, b = socketpair(mod, track=socks)
    assert a.send(b"") == 0
    assert a.sendall(b"") is None


def test_recv_returns_bytes(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.sendall(b"xyz")
    data = b.recv(100)
    assert type(data) is bytes and data == b"xyz"


def test_recv_zero(mod, socks):
    a, b = socketpair(mod, track=socks)
    assert b.recv(0) == b""


def test_recv_eof(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.close()
    assert b.recv(10) == b""


def test_recv_negative_raises_valueerror(mod, socks):
    a, b = socketpair(mod, track=socks)
    with pytest.raises(ValueError):
        b.recv(-1)


def test_recv_partial(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.sendall(b"0123456789")
    assert b.recv(4) == b"0123"
    assert b.recv(100) == b"456789"


def test_msg_peek(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.sendall(b"peekaboo")
    assert b.recv(4, mod.MSG_PEEK) == b"peek"
    assert b.recv(8) == b"peekaboo"


def test_msg_peek_recv_into(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.sendall(b"abc")
    buf = bytearray(3)
    assert b.recv_into(buf, 3, mod.MSG_PEEK) == 3
    assert buf == b"abc"
    assert b.recv(3) == b"abc"


def test_flags_keyword_names(mod, socks):
    """recv_into/recvfrom_into take keywords (buffer, nbytes, flags)."""
    a, b = socketpair(mod, track=socks)
    a.sendall(b"kw")
    buf = bytearray(10)
    assert b.recv_into(buffer=buf, nbytes=2, flags=0) == 2
    assert buf[:2] == b"kw"


@pytest.mark.parametrize(
    "make_buf",
    [
        pytest.param(lambda: bytearray(16), id="bytearray"),
        pytest.param(lambda: memoryview(bytearray(16)), id="memoryview"),
        pytest.param(lambda: array.array("B", bytes(16)), id="array-B"),
    ],
)
def test_recv_into_buffers(mod, socks, make_buf):
    a, b = socketpair(mod, track=socks)
    a.sendall(b"hello")
    buf = make_buf()
    n = b.recv_into(buf)
    assert n == 5
    assert bytes(buf[:5]) == b"hello"
    assert bytes(buf[5:]) == bytes(11)


def test_recv_into_with_nbytes(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.sendall(b"abcdef")
    buf = bytearray(10)
    assert b.recv_into(buf, 3) == 3
    assert buf[:3] == b"abc" and buf[3:] == bytes(7)
    assert b.recv_into(buf, 0) == 3  # nbytes 0 means the whole buffer
    assert buf[:3] == b"def"


def test_recv_into_memoryview_slice(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.sendall(b"zz")
    backing = bytearray(b"........")
    assert b.recv_into(memoryview(backing)[3:6]) == 2
    assert backing == b"...zz..."


def test_recv_into_nbytes_too_large(mod, socks):
    a, b = socketpair(mod, track=socks)
    with pytest.raises(ValueError):
        b.recv_into(bytearray(4), 5)


def test_recv_into_negative_nbytes(mod, socks):
    a, b = socketpair(mod, track=socks)
    with pytest.raises(ValueError):
        b.recv_into(bytearray(4), -1)


@pytest.mark.parametrize(
    "buf",
    [b"immutable", "str", memoryview(b"readonly")],
    ids=["bytes", "str", "readonly-memoryview"],
)
def test_recv_into_readonly_buffer_typeerror(mod, socks, buf):
    a, b = socketpair(mod, track=socks)
    a.sendall(b"x")
    with pytest.raises(TypeError):
        b.recv_into(buf)


def test_recvfrom_into_nbytes_too_large(mod, socks):
    a, b = udp_pair(mod, track=socks)
    with pytest.raises(ValueError):
        b.recvfrom_into(bytearray(4), 5)


def test_sendall_large_payload_with_reader_thread(mod, socks):
    a, b = socketpair(mod, track=socks)
    payload = bytes(range(256)) * 16384  # 4 MiB
    received = []

    def reader():
        try:
            received.append(recv_exactly(b, len(payload)))
        except Exception as e:  # noqa: BLE001
            received.append(e)

    t = threading.Thread(target=reader)
    t.start()
    try:
        assert a.sendall(payload) is None
    finally:
        t.join(5 * TIMEOUT)
    assert not t.is_alive()
    assert received and received[0] == payload


def test_sendall_large_memoryview_over_tcp(mod, socks):
    _, cli, srv = tcp_connection(mod, track=socks)
    payload = memoryview(bytearray(b"q" * (1 << 21)))
    out = []
    t = threading.Thread(target=lambda: out.append(recv_exactly(srv, len(payload))))
    t.start()
    try:
        cli.sendall(payload)
    finally:
        t.join(5 * TIMEOUT)
    assert out and out[0] == bytes(payload)


def test_sendall_timeout_when_peer_never_reads(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.settimeout(0.2)
    with pytest.raises(TimeoutError) as ei:
        a.sendall(b"x" * (64 << 20))
    assert isinstance(ei.value, OSError)
    assert str(ei.value) == "timed out"


def test_send_nonblocking_full_buffer(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.setblocking(False)
    with pytest.raises(BlockingIOError):
        for _ in range(100000):
            a.send(b"x" * 65536)


def test_sendto_recvfrom_udp(mod, socks):
    a, b = udp_pair(mod, track=socks)
    assert a.sendto(b"datagram", b.getsockname()) == 8
    data, addr = b.recvfrom(100)
    assert data == b"datagram"
    assert addr == a.getsockname()
    assert type(addr) is tuple


def test_sendto_with_flags_signature(mod, socks):
    a, b = udp_pair(mod, track=socks)
    assert a.sendto(b"flagged", 0, b.getsockname()) == 7
    assert b.recvfrom(100) == (b"flagged", a.getsockname())


@pytest.mark.parametrize("conv", BYTES_LIKE)
def test_sendto_bytes_like(mod, socks, conv):
    a, b = udp_pair(mod, track=socks)
    a.sendto(conv(b"dg"), b.getsockname())
    assert b.recv(10) == b"dg"


def test_sendto_wrong_arg_count(mod, socks):
    a, b = udp_pair(mod, track=socks)
    with pytest.raises(TypeError):
        a.sendto(b"x")
    with pytest.raises(TypeError):
        a.sendto(b"x", 0, b.getsockname(), 1)


@posix_semantics("a truncated datagram raises WSAEMSGSIZE")
def test_recvfrom_truncates_datagram(mod, socks):
    a, b = udp_pair(mod, track=socks)
    a.sendto(b"0123456789", b.getsockname())
    data, addr = b.recvfrom(4)
    assert data == b"0123"


def test_recvfrom_msg_peek(mod, socks):
    a, b = udp_pair(mod, track=socks)
    a.sendto(b"look", b.getsockname())
    assert b.recvfrom(10, mod.MSG_PEEK) == (b"look", a.getsockname())
    assert b.recvfrom(10) == (b"look", a.getsockname())


def test_recvfrom_into(mod, socks):
    a, b = udp_pair(mod, track=socks)
    a.sendto(b"into", b.getsockname())
    buf = bytearray(10)
    n, addr = b.recvfrom_into(buf)
    assert n == 4 and buf[:4] == b"into"
    assert addr == a.getsockname()


@posix_semantics("a truncated datagram raises WSAEMSGSIZE")
def test_recvfrom_into_nbytes_and_memoryview(mod, socks):
    a, b = udp_pair(mod, track=socks)
    a.sendto(b"abcdef", b.getsockname())
    buf = bytearray(10)
    n, addr = b.recvfrom_into(memoryview(buf), 2)
    assert n == 2 and buf[:2] == b"ab"
    assert addr == a.getsockname()


@posix_semantics("recvfrom() on a connected stream reports no usable peer address")
def test_recvfrom_connected_stream(mod, socks):
    """recvfrom on a connected TCP socket: the address matches the stdlib's."""
    _, cli, srv = tcp_connection(mod, track=socks)
    cli.sendall(b"s")
    data, addr = srv.recvfrom(1)
    assert data == b"s"
    # Linux returns None for a connected stream socket; other OSes may give the peer.
    assert addr is None or addr == cli.getsockname()


def test_recvfrom_connected_stream_differential(both):
    res = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            b.settimeout(TIMEOUT)
            a.sendall(b"d")
            res.append(b.recvfrom(1))
    assert res[0] == res[1]


def test_udp_empty_datagram(mod, socks):
    a, b = udp_pair(mod, track=socks)
    a.sendto(b"", b.getsockname())
    assert b.recvfrom(10) == (b"", a.getsockname())


def test_send_on_connected_udp(mod, socks):
    a, b = udp_pair(mod, track=socks)
    a.connect(b.getsockname())
    assert a.send(b"c") == 1
    assert b.recv(1) == b"c"


def test_large_recv_size(mod, socks):
    """A huge bufsize allocates lazily/shrinks: just returns what is there."""
    a, b = socketpair(mod, track=socks)
    a.sendall(b"small")
    assert b.recv(1 << 20) == b"small"


def test_recvfrom_truncated_datagram_differential(both):
    """Truncation: POSIX returns the head, Windows raises WSAEMSGSIZE; either
    way pysock does what the stdlib does (and the datagram is consumed)."""
    res = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as a, m.socket(m.AF_INET, m.SOCK_DGRAM) as b:
            b.settimeout(TIMEOUT)
            a.bind(("127.0.0.1", 0))
            b.bind(("127.0.0.1", 0))
            a.sendto(b"0123456789", b.getsockname())
            r = outcome(b.recvfrom, 4)
            if r[0] == "ok":
                r = ("ok", r[1][0], r[1][1] == a.getsockname())
            a.sendto(b"next", b.getsockname())
            res.append((r, b.recv(10)))
    assert res[0] == res[1]
