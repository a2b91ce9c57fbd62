"""PEP 475: a signal interrupting a blocking call is retried (with the
remaining timeout) unless the handler raises, whose exception propagates."""

import signal
import struct
import sys
import threading
import time

import pytest

from sockutil import IS_LINUX, make, socketpair

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "setitimer"),
    reason="POSIX only: needs signal.setitimer",
)


class Itimer:
    """Fires SIGALRM every `interval` seconds while active; counts the fires."""

    def __init__(self, interval=0.05, handler=None, max_fires=60):
        self.interval = interval
        self.fires = 0
        self.max_fires = max_fires
        self._handler = handler

    def _on_signal(self, signum, frame):
        self.fires += 1
        if self.fires >= self.max_fires:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if self._handler is not None:
            self._handler(self)

    def __enter__(self):
        self._old = signal.signal(signal.SIGALRM, self._on_signal)
        signal.setitimer(signal.ITIMER_REAL, self.interval, self.interval)
        return self

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._old)
        return False


def _send_later(sock, data, delay):
    t = threading.Timer(delay, lambda: sock.sendall(data))
    t.start()
    return t


def bound_wait(mod, sock, mode):
    """Limit how long a read on sock may wait to 2 s: with a socket timeout,
    or on a blocking socket with the kernel's SO_RCVTIMEO."""
    if mode == "timeout":
        sock.settimeout(2.0)
    else:
        if not IS_LINUX:
            pytest.skip("SO_RCVTIMEO timeval layout: Linux")
        sock.settimeout(None)
        sock.setsockopt(mod.SOL_SOCKET, mod.SO_RCVTIMEO, struct.pack("ll", 2, 0))


@pytest.mark.parametrize("mode", ["timeout", "blocking"])
def test_recv_resumes_after_signal(mod, socks, mode):
    a, b = socketpair(mod, track=socks)
    bound_wait(mod, b, mode)
    t = _send_later(a, b"after signals", 0.35)
    try:
        with Itimer(0.05) as it:
            data = b.recv(100)
    finally:
        t.join(3)
    assert it.fires >= 1
    assert data == b"after signals"


def test_accept_resumes_after_signal(mod, socks):
    lst = make(mod, track=socks)
    lst.settimeout(2.0)
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    c = make(mod, track=socks)
    t = threading.Timer(0.3, lambda: c.connect(lst.getsockname()))
    t.start()
    try:
        with Itimer(0.05) as it:
            conn, addr = lst.accept()
        socks.add(conn)
    finally:
        t.join(3)
    assert it.fires >= 1
    assert addr == c.getsockname()


class Interrupted(Exception):
    pass


def _raise(_it):
    raise Interrupted("from handler")


@pytest.mark.parametrize("mode", ["timeout", "blocking"])
def test_handler_exception_propagates_from_recv(mod, socks, mode):
    a, b = socketpair(mod, track=socks)
    bound_wait(mod, b, mode)
    with pytest.raises(Interrupted):
        with Itimer(0.1, handler=_raise, max_fires=1):
            b.recv(1)
    # The socket is still fine afterwards.
    a.sendall(b"k")
    b.settimeout(2.0)
    assert b.recv(1) == b"k"


def test_handler_exception_propagates_from_sendall(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.settimeout(2.0)
    with pytest.raises(Interrupted):
        with Itimer(0.1, handler=_raise, max_fires=1):
            a.sendall(b"x" * (64 << 20))


def test_timeout_counts_from_the_start_despite_signals(mod, socks):
    """With signals every 50 ms, a 0.4 s timeout still ends the call: the retry
    uses the remaining time (the timer stops itself after 3 s, so a restarting
    implementation shows up as many more fires, not as a hang)."""
    a, b = socketpair(mod, track=socks)
    b.settimeout(0.4)
    with Itimer(0.05, max_fires=60) as it:
        with pytest.raises(TimeoutError):
            b.recv(1)
        fires = it.fires
    assert fires >= 1
    # 0.4 s / 50 ms = 8 fires; a restarting timeout would run until the timer
    # stops itself (60 fires).
    assert fires < 40, fires


def test_handler_outlasting_the_timeout_times_out_even_with_data_differential(both):
    """A handler that runs past the deadline (and makes data arrive) leaves no
    time for the retry: TimeoutError, as the stdlib's, which polls again only
    with time left, not a last wait that would read the data."""
    got = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            b.settimeout(0.3)

            def overrun(_timer, a=a):
                time.sleep(0.4)
                a.sendall(b"x")

            with Itimer(0.02, handler=overrun, max_fires=1) as it:
                try:
                    got.append(b.recv(1))
                except OSError as e:
                    got.append((type(e).__name__, e.args))
            assert it.fires == 1
    assert got == [("TimeoutError", ("timed out",))] * 2
