"""close / detach / dup / fileno / context manager, and calls on a closed
socket (OSError with EBADF, or the stdlib's Windows equivalent)."""

import gc
import os
import socket as std
import warnings

import pytest

from sockutil import IS_WINDOWS, needs_fileno_wrapping, ebadf_expectation, make, outcome, socketpair, tcp_connection


def test_close_sets_fileno_minus_one(mod):
    s = mod.socket()
    assert s.fileno() >= 0
    s.close()
    assert s.fileno() == -1


def test_close_twice_is_fine(both):
    """The second close is a no-op: no error, and it closes nothing else (a
    descriptor opened in between, which may reuse the number, stays open)."""
    outcomes = []
    for mod in both:
        s = mod.socket()
        first = s.close()
        other = os.open(os.devnull, os.O_RDONLY)
        try:
            second = s.close()
            os.fstat(other)  # still open
        finally:
            os.close(other)
        outcomes.append((first, second, s.fileno(), repr(s).startswith("<") and "[closed]" in repr(s)))
    assert outcomes[0] == outcomes[1] == (None, None, -1, True)


def test_context_manager_closes(mod):
    with mod.socket() as s:
        assert s.fileno() >= 0
        inner = s
    assert inner.fileno() == -1
    assert "[closed]" in repr(inner)


def test_context_manager_returns_self(mod):
    s = mod.socket()
    with s as t:
        assert t is s


def test_context_manager_closes_on_exception(mod):
    s = mod.socket()
    with pytest.raises(RuntimeError):
        with s:
            raise RuntimeError("boom")
    assert s.fileno() == -1


@needs_fileno_wrapping
def test_detach(mod):
    s = mod.socket()
    fd = s.fileno()
    assert s.detach() == fd
    assert s.fileno() == -1
    # The descriptor is still open: wrap it with the stdlib and close it there.
    t = std.socket(fileno=fd)
    assert t.fileno() == fd
    t.close()


def test_detach_closed_socket(mod):
    s = mod.socket()
    s.close()
    assert s.detach() == -1


def test_dup(mod, socks):
    s = make(mod, mod.AF_INET, mod.SOCK_DGRAM, track=socks)
    s.bind(("127.0.0.1", 0))
    d = s.dup()
    socks.add(d)
    assert isinstance(d, mod.socket)
    assert d.fileno() != s.fileno()
    assert d.getsockname() == s.getsockname()
    assert (d.family, d.type, d.proto) == (s.family, s.type, s.proto)
    # The duplicate keeps working after the original is closed.
    s.close()
    assert d.getsockname()[0] == "127.0.0.1"


def test_dup_shares_the_socket(mod, socks):
    a, b = socketpair(mod, track=socks)
    d = a.dup()
    socks.add(d)
    d.sendall(b"via dup")
    assert b.recv(10) == b"via dup"


def test_dup_timeout_copied_like_stdlib(both):
    res = []
    for m in both:
        with m.socket() as s:
            s.settimeout(1.5)
            with s.dup() as d:
                res.append((d.gettimeout(), d.getblocking()))
    assert res[0] == res[1]


def test_fileno_is_int(mod):
    with mod.socket() as s:
        assert type(s.fileno()) is int


def test_close_while_connected_gives_peer_eof(mod, socks):
    _, cli, srv = tcp_connection(mod, track=socks)
    cli.close()
    assert srv.recv(10) == b""


def test_resourcewarning_on_gc(mod):
    """An unclosed socket warns (ResourceWarning) when collected, like the stdlib."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        s = mod.socket()
        del s
        gc.collect()
    assert any(issubclass(x.category, ResourceWarning) for x in w)


@pytest.mark.parametrize("kind", ["class", "C type"])
def test_unclosed_socket_is_freed_after_its_warning(mod, kind):
    """Dropped unclosed, the socket warns and is then closed and freed:
    500 of them leave no descriptor open and no memory behind. For the
    socket class and for the C type under it (pysock._core.socket, the
    stdlib's _socket.socket), whose deallocation makes the warning itself."""
    import tracemalloc

    from sockutil import count_fds
    make = mod.socket if kind == "class" else getattr(mod, "_core", getattr(mod, "_socket", None)).socket
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        make()
        gc.collect()
        before = count_fds()
        tracemalloc.start()
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(500):
            make()
        gc.collect()
        growth = tracemalloc.get_traced_memory()[0] - start
        tracemalloc.stop()
    if before is not None and os.name == "posix":  # (Wine's /proc counts other handles too)
        assert count_fds() == before
    assert growth < 4096, growth  # a socket object kept each time: 500 of them, 24 KB


def test_socket_object_attributes_readonly(both):
    res = []
    for m in both:
        with m.socket() as s:
            r = []
            for attr in ("family", "type", "proto"):
                r.append(outcome(setattr, s, attr, 5)[:2])
            res.append(r)
    assert res[0] == res[1]


EBADF, WINERR = ebadf_expectation()

CLOSED_CALLS = [
    ("fileno", ()),  # returns -1, no error
    ("getsockname", ()),
    ("getpeername", ()),
    ("bind", (("127.0.0.1", 0),)),
    ("listen", ()),
    ("accept", ()),
    ("connect", (("127.0.0.1", 9),)),
    ("connect_ex", (("127.0.0.1", 9),)),
    ("send", (b"x",)),
    ("sendall", (b"x",)),
    ("sendto", (b"x", ("127.0.0.1", 9))),
    ("recv", (1,)),
    ("recv_into", (bytearray(1),)),
    ("recvfrom", (1,)),
    ("recvfrom_into", (bytearray(1),)),
    ("shutdown", (std.SHUT_RDWR,)),
    ("setsockopt", (std.SOL_SOCKET, std.SO_REUSEADDR, 1)),
    ("getsockopt", (std.SOL_SOCKET, std.SO_REUSEADDR)),
    ("getsockopt", (std.SOL_SOCKET, std.SO_REUSEADDR, 4)),
    ("setblocking", (False,)),
    ("settimeout", (1.0,)),
    ("gettimeout", ()),
    ("getblocking", ()),
    ("get_inheritable", ()),
    ("set_inheritable", (True,)),
    ("dup", ()),
    ("detach", ()),
    ("close", ()),
]


def _call_id(c):
    return c[0] + ("-buflen" if c[0] == "getsockopt" and len(c[1]) == 3 else "")


@pytest.mark.parametrize("call", CLOSED_CALLS, ids=[_call_id(c) for c in CLOSED_CALLS])
def test_closed_socket_calls_differential(both, call):
    name, args = call
    res = []
    for m in both:
        s = m.socket()
        s.close()
        res.append(outcome(getattr(s, name), *args))
    assert res[0] == res[1]


@pytest.mark.parametrize(
    "name,args",
    [
        ("getsockname", ()),
        ("recv", (1,)),
        ("send", (b"x",)),
        ("bind", (("127.0.0.1", 0),)),
        ("setsockopt", (std.SOL_SOCKET, std.SO_REUSEADDR, 1)),
        ("shutdown", (std.SHUT_RDWR,)),
    ],
)
def test_closed_socket_raises_ebadf(mod, name, args):
    s = mod.socket()
    s.close()
    with pytest.raises(OSError) as ei:
        getattr(s, name)(*args)
    assert ei.value.errno == EBADF
    if IS_WINDOWS:
        assert getattr(ei.value, "winerror", None) == WINERR


@needs_fileno_wrapping
def test_detached_socket_raises_ebadf(mod):
    s = mod.socket()
    fd = s.detach()
    try:
        with pytest.raises(OSError) as ei:
            s.getsockname()
        assert ei.value.errno == EBADF
    finally:
        std.socket(fileno=fd).close()

