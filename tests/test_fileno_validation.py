"""socket(family, type, proto, fileno=fd) checks that fd is an open socket
even when nothing has to be detected from it, as the stdlib does on POSIX."""
import errno
import os

import pytest

from sockutil import IS_WINDOWS, outcome

pytestmark = pytest.mark.skipif(IS_WINDOWS, reason="the Windows stdlib does not check a handle whose family, type and proto are given")


def test_closed_descriptor_is_refused(mod):
    r, w = os.pipe()
    os.close(r)
    os.close(w)
    with pytest.raises(OSError) as info:
        mod.socket(mod.AF_INET, mod.SOCK_STREAM, 0, fileno=r)
    assert info.value.errno == errno.EBADF


def test_descriptor_of_a_pipe_is_refused(mod):
    r, w = os.pipe()
    try:
        with pytest.raises(OSError) as info:
            mod.socket(mod.AF_INET, mod.SOCK_STREAM, 0, fileno=r)
        assert info.value.errno == errno.ENOTSOCK
    finally:
        os.close(r)
        os.close(w)


def test_unbound_socket_is_accepted(mod):
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as original:
        wrapped = mod.socket(mod.AF_INET, mod.SOCK_DGRAM, 0, fileno=os.dup(original.fileno()))
        with wrapped:
            assert wrapped.type == mod.SOCK_DGRAM


@pytest.mark.parametrize("given", ["detected", "given"])
def test_descriptor_zero_is_a_descriptor(both, given):
    """0 is a valid descriptor, not a negative one: a socket moved onto
    descriptor 0 is wrapped, its family, type and proto detected from it or
    taken as given (the stdlib's answers, from the same socket)."""
    saved = os.dup(0)
    res = []
    try:
        for m in both:
            with m.socket(m.AF_INET, m.SOCK_DGRAM) as original:
                os.dup2(original.fileno(), 0)
                args = () if given == "detected" else (m.AF_INET, m.SOCK_DGRAM, 0)
                wrapped = m.socket(*args, fileno=0)
                try:
                    res.append((wrapped.fileno(), int(wrapped.family), int(wrapped.type), wrapped.proto))
                finally:
                    wrapped.detach()  # descriptor 0 goes back to what it was below
    finally:
        os.dup2(saved, 0)
        os.close(saved)
    assert res[0] == (0, int(both[0].AF_INET), int(both[0].SOCK_DGRAM), both[0].IPPROTO_UDP if given == "detected" else 0)
    assert res[0] == res[1]


def test_socket_made_on_descriptor_zero(both):
    """With descriptor 0 closed, a new socket gets it: 0 is a descriptor like
    any other, for the stdlib and pysock alike (socket, accept, dup)."""
    saved = os.dup(0)
    res = []
    try:
        for m in both:
            with m.socket(m.AF_INET, m.SOCK_STREAM) as listener:
                listener.bind(("127.0.0.1", 0))
                listener.listen()
                with m.create_connection(listener.getsockname()):
                    os.close(0)
                    s = m.socket(m.AF_INET, m.SOCK_DGRAM)
                    res.append(("socket", s.fileno()))
                    s.close()
                    conn, _ = listener.accept()
                    res.append(("accept", conn.fileno()))
                    conn.close()
                    copy = listener.dup()
                    res.append(("dup", copy.fileno()))
                    copy.close()
            os.dup2(saved, 0)
    finally:
        os.dup2(saved, 0)
        os.close(saved)
    assert res[:3] == [("socket", 0), ("accept", 0), ("dup", 0)]
    assert res[:3] == res[3:]


def test_timeouts_on_descriptor_zero(both):
    """A socket on descriptor 0 waits like any other: a read with a timeout
    and nothing to read times out, and one whose data comes later gets it."""
    import threading
    saved = os.dup(0)
    res = []
    try:
        for m in both:
            with m.socket(m.AF_INET, m.SOCK_DGRAM) as tx:
                os.close(0)
                rx = m.socket(m.AF_INET, m.SOCK_DGRAM)
                with rx:
                    rx.bind(("127.0.0.1", 0))
                    rx.settimeout(0.05)
                    first = outcome(rx.recv, 16)
                    rx.settimeout(10)
                    later = threading.Timer(0.1, tx.sendto, (b"later", rx.getsockname()))
                    later.start()
                    second = outcome(rx.recv, 16)
                    later.join()
                    res.append((rx.fileno(), first[:2], second))

            os.dup2(saved, 0)
    finally:
        os.dup2(saved, 0)
        os.close(saved)
    assert res[0] == (0, ("raise", "TimeoutError"), ("ok", b"later"))
    assert res[0] == res[1]
