"""Blocking sockets whose calls could finish at once: pysock first tries them
without waiting (keeping the GIL), and must still behave exactly like a
blocking call: wait for SO_RCVLOWAT and MSG_WAITALL, send the whole buffer,
and let other threads run while it blocks."""
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
