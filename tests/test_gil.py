"""Blocking calls release the GIL: while one thread waits in recv/accept on a
socket, another Python thread keeps running (asserted as progress: the other
thread is what sends the data that ends the wait)."""

import struct
import threading
import time

import pytest

from sockutil import IS_LINUX, make, run_while_blocked, socketpair

SPIN = 0.3  # how long the main thread keeps running Python code meanwhile


def test_recv_timeout_mode_releases_gil(mod, socks):
    a, b = socketpair(mod, track=socks)
    b.settimeout(2.0)
    counter, result = run_while_blocked(lambda: b.recv(4), lambda: a.sendall(b"done"), SPIN)
    assert counter > 0
    # Had recv held the GIL, the main thread could not have sent in time and
    # recv would have timed out instead.
    assert result == [b"done"], result


@pytest.mark.skipif(not IS_LINUX, reason="SO_RCVTIMEO timeval layout: Linux")
def test_recv_blocking_mode_releases_gil(mod, socks):
    a, b = socketpair(mod, track=socks)
    b.settimeout(None)
    # Bound the kernel wait so a GIL-holding recv cannot hang the test.
    b.setsockopt(mod.SOL_SOCKET, mod.SO_RCVTIMEO, struct.pack("ll", 2, 0))
    counter, result = run_while_blocked(lambda: b.recv(4), lambda: a.sendall(b"done"), SPIN)
    assert counter > 0
    assert result == [b"done"], result


def test_accept_releases_gil(mod, socks):
    lst = make(mod, track=socks)
    lst.settimeout(2.0)
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    c = mod.socket()
    socks.add(c)
    c.settimeout(2.0)

    def accept():
        conn, _ = lst.accept()
        conn.close()
        return "accepted"

    _, result = run_while_blocked(accept, lambda: c.connect(lst.getsockname()), SPIN)
    assert result == ["accepted"], result


def test_two_threads_recv_concurrently(mod, socks):
    """Two threads each blocked in recv on their own pair both get their data."""
    pairs = [socketpair(mod, track=socks) for _ in range(2)]
    results = {}
    started = [threading.Event(), threading.Event()]

    def reader(i):
        started[i].set()
        try:
            results[i] = pairs[i][1].recv(1)
        except Exception as e:  # noqa: BLE001
            results[i] = e

    ts = [threading.Thread(target=reader, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    try:
        for e in started:
            assert e.wait(2)
        time.sleep(0.1)
        pairs[1][0].sendall(b"2")
        pairs[0][0].sendall(b"1")
    finally:
        for t in ts:
            t.join(5)
    assert results == {0: b"1", 1: b"2"}
