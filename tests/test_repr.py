"""repr() has the stdlib's shape: same text once the class path, descriptor
numbers and ports are normalized; '[closed]' for a closed socket."""

import re

import pytest

from sockutil import HAS_IPV6, HAS_UNIX, TIMEOUT, UNDER_WINE


def _norm_addr(addr):
    if isinstance(addr, tuple) and len(addr) >= 2:
        return (addr[0], "P") + tuple(addr[2:])
    return addr


def normalized(s, extra_addrs=()):
    r = repr(s)
    cls = type(s).__module__ + "." + type(s).__qualname__
    assert r.startswith("<" + cls + " "), r
    r = "<CLS " + r[len(cls) + 2 :]
    r = re.sub(r"fd=\d+", "fd=N", r)
    addrs = list(extra_addrs)
    for getter in ("getsockname", "getpeername"):
        try:
            addrs.append(getattr(s, getter)())
        except OSError:
            pass
    for a in addrs:
        r = r.replace(repr(a), repr(_norm_addr(a)))
    return r


SCENARIOS = ["fresh", "bound", "closed", "udp", "connected", "accepted"]
if not UNDER_WINE:  # re-wrapping a detached SOCKET fails under Wine
    SCENARIOS.append("detached")
if HAS_IPV6:
    SCENARIOS.append("ipv6")
if HAS_UNIX:
    SCENARIOS.append("socketpair")


def build(m, scenario, keep):
    if scenario == "fresh":
        s = m.socket()
    elif scenario == "bound":
        s = m.socket()
        s.bind(("127.0.0.1", 0))
    elif scenario == "closed":
        s = m.socket()
        s.close()
    elif scenario == "detached":
        s = m.socket()
        import os

        fd = s.detach()
        keep.append(m.socket(fileno=fd))
    elif scenario == "udp":
        s = m.socket(m.AF_INET, m.SOCK_DGRAM)
    elif scenario == "ipv6":
        s = m.socket(m.AF_INET6, m.SOCK_STREAM)
        s.bind(("::1", 0))
    elif scenario == "socketpair":
        s, other = m.socketpair()
        keep.append(other)
    elif scenario in ("connected", "accepted"):
        lst = m.socket()
        keep.append(lst)
        lst.settimeout(TIMEOUT)
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        c = m.create_connection(lst.getsockname(), timeout=TIMEOUT)
        conn, _ = lst.accept()
        if scenario == "connected":
            s = c
            keep.append(conn)
        else:
            s = conn
            keep.append(c)
    else:
        raise AssertionError(scenario)
    keep.append(s)
    return s


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_repr_matches_stdlib(both, scenario):
    reprs = []
    for m in both:
        keep = []
        try:
            s = build(m, scenario, keep)
            reprs.append(normalized(s))
        finally:
            for k in keep:
                k.close()
    assert reprs[0] == reprs[1]


@pytest.mark.pysock_only
def test_repr_pysock_prefix(pysock):
    with pysock.socket() as s:
        r = repr(s)
    assert r.startswith("<pysock"), r
    assert re.match(r"<pysock[\w.]*\.socket fd=\d+, family=", r), r


def test_repr_shape(mod):
    with mod.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        r = repr(s)
        assert re.fullmatch(
            r"<[\w.]+ fd=%d, family=(2|AddressFamily\.AF_INET), "
            r"type=(1|SocketKind\.SOCK_STREAM), proto=0, laddr=\('127\.0\.0\.1', %d\)>"
            % (s.fileno(), port),
            r,
        ), r


def test_repr_closed(mod):
    s = mod.socket()
    s.close()
    r = repr(s)
    assert "[closed]" in r
    assert "fd=-1" in r


def test_repr_subclass_uses_subclass_name(mod):
    class MySock(mod.socket):
        pass

    with MySock() as s:
        r = repr(s)
    assert r.startswith("<" + __name__ + ".test_repr_subclass_uses_subclass_name.<locals>.MySock ") or r.startswith(
        "<" + MySock.__module__ + "." + MySock.__qualname__ + " "
    ), r


def test_repr_of_the_c_level_type(both):
    """`_socket.socket` (pysock._core.socket) has its own repr, numbers only;
    fd=-1 once closed."""
    import _socket

    import pysock._core

    reprs = []
    for core in (_socket, pysock._core):
        s = core.socket(core.AF_INET, core.SOCK_DGRAM)
        try:
            reprs.append(repr(s).replace(f"fd={s.fileno()},", "fd=N,"))
        finally:
            s.close()
        reprs.append(repr(s))
    assert reprs[2:] == reprs[:2]
