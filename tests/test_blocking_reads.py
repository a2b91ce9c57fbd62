"""Blocking sockets whose calls could finish at once: pysock first tries them
without waiting (keeping the GIL), and must still behave exactly like a
blocking call: wait for SO_RCVLOWAT and MSG_WAITALL, send the whole buffer,
and let other threads run while it blocks."""
import contextlib
import threading
import time

import pytest

from sockutil import IS_LINUX, UNDER_WINE, tcp_connection, socketpair


def later(delay, fn, *args):
    t = threading.Thread(target=lambda: (time.sleep(delay), fn(*args)), daemon=True)
    t.start()
    return t


def blocking(*socks):
    for s in socks:
        s.settimeout(None)


# An AF_UNIX stream: Linux TCP can stall a blocking read that holds less than
# the low-water mark (the stdlib's too), AF_UNIX waits for the rest.
LOW_WATER = pytest.mark.skipif(not IS_LINUX, reason="blocking reads honour SO_RCVLOWAT on Linux AF_UNIX streams; elsewhere the mark is ignored or unsupported")


@LOW_WATER
def test_low_water_mark_waits_for_enough_data(mod):
    cli, srv = socketpair(mod)
    with cli, srv:
        blocking(srv)
        srv.setsockopt(mod.SOL_SOCKET, mod.SO_RCVLOWAT, 10)
        cli.sendall(b"12345")
        t = later(0.2, cli.sendall, b"67890")
        assert srv.recv(100) == b"1234567890"
        t.join()


@LOW_WATER
def test_low_water_mark_of_a_wrapped_descriptor(mod):
    cli, srv = socketpair(mod)
    with cli, srv:
        srv.setsockopt(mod.SOL_SOCKET, mod.SO_RCVLOWAT, 10)
        # A socket object made from the descriptor must learn the mark.
        with mod.socket(fileno=srv.detach()) as wrapped:
            blocking(wrapped)
            cli.sendall(b"12345")
            t = later(0.2, cli.sendall, b"67890")
            assert wrapped.recv(100) == b"1234567890"
            t.join()


def test_waitall_waits_for_the_whole_request(mod):
    if not hasattr(mod, "MSG_WAITALL"):
        pytest.skip("no MSG_WAITALL")
    if UNDER_WINE:
        pytest.skip("Wine returns a MSG_WAITALL read early (the stdlib's too)")
    lst, cli, srv = tcp_connection(mod)
    with lst, cli, srv:
        blocking(srv)
        cli.sendall(b"abc")
        t = later(0.2, cli.sendall, b"def")
        assert srv.recv(6, mod.MSG_WAITALL) == b"abcdef"
        t.join()


def test_blocking_send_of_more_than_the_buffer_sends_it_all(mod):
    a, b = socketpair(mod)
    with a, b:
        blocking(a, b)
        a.setsockopt(mod.SOL_SOCKET, mod.SO_SNDBUF, 16384)
        data = bytes(range(256)) * 16384  # 4 MiB: far more than fits at once
        got = bytearray()

        def drain():
            while len(got) < len(data):
                chunk = b.recv(65536)
                if not chunk:
                    break
                got.extend(chunk)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        assert a.send(data) == len(data)
        reader.join(30)
        assert bytes(got) == data


def test_blocked_read_lets_other_threads_run(mod):
    a, b = socketpair(mod)
    with a, b:
        blocking(b)
        ticks = []
        stop = threading.Event()

        def ticker():
            while not stop.is_set():
                ticks.append(1)
                time.sleep(0.01)

        t = threading.Thread(target=ticker, daemon=True)
        t.start()
        later(0.3, a.sendall, b"x")
        assert b.recv(1) == b"x"
        stop.set()
        t.join()
        assert len(ticks) > 3


# A stream read that found fewer bytes than the low-water mark: what a blocking
# recv(100) returns, and the two reads after it, for each way the wait can end.
# pysock's quick first try takes the queued bytes at once and must then wait
# for the rest of the mark itself (binding/socket.zig, RecvCtx.finishQuick).
# It tries quickly only after a read that filled its buffer: `_filled` makes one.

def _filled(a, b):
    a.sendall(b"x")
    assert b.recv(1) == b"x"


@contextlib.contextmanager
def _five_bytes_below_a_mark_of_ten(mod):
    """A blocking AF_UNIX stream pair (a, b): b's mark is 10, 5 bytes wait in it."""
    a, b = socketpair(mod)
    with a, b:
        b.setsockopt(mod.SOL_SOCKET, mod.SO_RCVLOWAT, 10)
        b.settimeout(None)
        _filled(a, b)
        a.sendall(b"12345")
        yield a, b


def _reads_after_short_low_water(mod, make_pair, then, queued=5, mark=10):
    a, b = make_pair(mod)
    with a, b:
        with b.dup() as other:  # the mark set through another handle
            other.setsockopt(mod.SOL_SOCKET, mod.SO_RCVLOWAT, mark)
        b.settimeout(None)
        _filled(a, b)
        a.sendall(b"12345"[:queued])
        peer_acted = threading.Event()
        timer = threading.Timer(0.3, lambda: (peer_acted.set(), then(mod, a)))
        timer.start()
        outcomes = []
        try:
            for _ in range(3):
                try:
                    outcomes.append(b.recv(100))
                except OSError as e:
                    outcomes.append((type(e).__name__, e.errno))
                if len(outcomes) == 1:
                    # Whether the first read waited for the peer (a read whose
                    # mark is met returns at once).
                    outcomes.append(("waited", peer_acted.is_set()))
        finally:
            timer.join()
        return outcomes


def _unix_pair(mod):
    return socketpair(mod)


def _tcp_pair(mod):
    lst, cli, srv = tcp_connection(mod)
    lst.close()
    return cli, srv


def _send_more_then_close(mod, peer):
    # Short of the mark first (the read must go on waiting), then past it
    # (the read takes what is queued beyond the mark too).
    peer.sendall(b"6789")
    time.sleep(0.2)
    peer.sendall(b"0a")
    peer.close()


def _close(mod, peer):
    peer.close()


def _reset(mod, peer):
    peer.setsockopt(mod.SOL_SOCKET, mod.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    peer.close()


@LOW_WATER
@pytest.mark.parametrize("queued,mark", [(5, 10), (1, 10), (5, 6)])
def test_short_low_water_read_waits_for_the_rest(both, queued, mark):
    results = [_reads_after_short_low_water(mod, _unix_pair, _send_more_then_close, queued, mark)
               for mod in both]
    assert results[0] == results[1]
    assert b"".join(r for r in results[0] if isinstance(r, bytes)) == b"12345"[:queued] + b"67890a"
    # With 5 bytes there and a mark of 6, the first 4 of the rest end the wait.
    assert results[0][0] == (b"123456789" if mark == 6 else b"12345"[:queued] + b"67890a")


@LOW_WATER
@pytest.mark.parametrize("queued,mark", [(5, 10), (5, 5)])
def test_short_low_water_read_at_the_end_of_the_stream(both, queued, mark):
    results = [_reads_after_short_low_water(mod, _unix_pair, _close, queued, mark) for mod in both]
    assert results[0] == results[1] == [b"12345"[:queued], ("waited", queued < mark), b"", b""]


@LOW_WATER
def test_reset_during_a_short_low_water_read_is_the_next_reads_error(both):
    """The bytes already there are the read's result; the reset is the next
    read's error (ECONNRESET), and the read after it sees the end."""
    results = [_reads_after_short_low_water(mod, _tcp_pair, _reset) for mod in both]
    assert results[0] == results[1]
    assert results[0][0] == b"12345" and results[0][1] == ("waited", True) and results[0][2][0] == "ConnectionResetError"


@LOW_WATER
def test_signal_during_a_short_low_water_read_returns_what_was_there(both):
    """A signal whose handler returns ends the wait: the bytes already taken
    are the result, as the kernel returns them (no EINTR, no retry)."""
    import signal
    results = []
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        for mod in both:
            with _five_bytes_below_a_mark_of_ten(mod) as (a, b):
                signal.setitimer(signal.ITIMER_REAL, 0.2)
                results.append(b.recv(100))
                a.sendall(b"67890ABCDE")  # the mark's worth: the next read returns at once
                results.append(b.recv(100))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert results[:2] == results[2:] == [b"12345", b"67890ABCDE"]


@LOW_WATER
def test_peek_below_the_low_water_mark_as_the_stdlibs(both):
    """A blocking peek below the mark (Linux AF_UNIX returns what is there),
    then a read, which waits for the mark; the peek takes nothing."""
    results = []
    for mod in both:
        with _five_bytes_below_a_mark_of_ten(mod) as (a, b):
            timer = threading.Timer(0.3, a.sendall, (b"67890",))
            timer.start()
            try:
                results.append((b.recv(100, mod.MSG_PEEK), b.recv(100)))
            finally:
                timer.join()
    assert results[0] == results[1]
    assert results[0][1] == b"1234567890"


@pytest.mark.skipif(not IS_LINUX, reason="a datagram socket's SO_RCVLOWAT can be set on Linux")
def test_datagram_read_ignores_the_low_water_mark(both):
    """A datagram read returns the datagram at once, whatever the mark."""
    results = []
    for mod in both:
        a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
        with a, b:
            b.setsockopt(mod.SOL_SOCKET, mod.SO_RCVLOWAT, 10)
            b.settimeout(None)
            a.send(b"1")
            b.recv(1)
            a.send(b"12345")
            results.append(b.recv(100))
    assert results[0] == results[1] == b"12345"
