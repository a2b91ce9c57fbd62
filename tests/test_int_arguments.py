"""Numeric arguments out of range: the same exception type and message as the
stdlib, which depend on the C type each argument is parsed as (C int, long,
ssize_t, a port, a timestamp)."""
import socket

import pytest

import pysock

from sockutil import HAS_UNIX

BIG = 2**70

CALLS = [
    ("recv size", lambda m, s: s.recv(BIG)),
    ("recv flags", lambda m, s: s.recv(64, BIG)),
    ("send flags", lambda m, s: s.send(b"x", BIG)),
    ("listen backlog", lambda m, s: s.listen(BIG)),
    ("listen backlog > int", lambda m, s: s.listen(2**40)),
    ("setsockopt name", lambda m, s: s.setsockopt(m.SOL_SOCKET, BIG, 1)),
    ("getsockopt buflen", lambda m, s: s.getsockopt(m.SOL_SOCKET, m.SO_TYPE, BIG)),
    ("settimeout", lambda m, s: s.settimeout(BIG)),
    ("settimeout negative", lambda m, s: s.settimeout(-BIG)),
    ("settimeout negative beyond range", lambda m, s: s.settimeout(-2**40)),
    ("settimeout float huge", lambda m, s: s.settimeout(1e300)),
    ("settimeout float just beyond", lambda m, s: s.settimeout(9.3e9)),
    ("settimeout float just within", lambda m, s: (s.settimeout(9.2e9), s.gettimeout())[1]),
    ("settimeout float negative huge", lambda m, s: s.settimeout(-1e300)),
    ("settimeout float inf", lambda m, s: s.settimeout(float("inf"))),
    ("settimeout float tiny negative", lambda m, s: s.settimeout(-1e-300)),
    # 3.11 reads setblocking's flag as a C long, 3.12 as a truth value.
    ("setblocking beyond C int", lambda m, s: (s.setblocking(2**32), s.gettimeout())[1]),
    ("setblocking -1", lambda m, s: (s.setblocking(False), s.setblocking(-1), s.gettimeout())[2]),
    ("setblocking beyond C long", lambda m, s: (s.setblocking(BIG), s.gettimeout())[1]),
    ("shutdown", lambda m, s: s.shutdown(BIG)),
    ("shutdown > int", lambda m, s: s.shutdown(2**40)),
    ("recv_into nbytes", lambda m, s: s.recv_into(bytearray(3), BIG)),
    ("bind port", lambda m, s: s.bind(("127.0.0.1", BIG))),
    ("bind negative port", lambda m, s: s.bind(("127.0.0.1", -BIG))),
    ("connect port", lambda m, s: s.connect(("127.0.0.1", BIG))),
    ("socket family", lambda m, s: m.socket(BIG)),
    ("socket type > int", lambda m, s: m.socket(m.AF_INET, 2**40)),
    ("socket proto", lambda m, s: m.socket(m.AF_INET, m.SOCK_STREAM, -BIG)),
    ("socket fileno", lambda m, s: m.socket(fileno=BIG)),
]


def outcome(mod, call):
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as s:
        try:
            value = call(mod, s)
        except Exception as exc:  # the outcome is what is compared
            return type(exc).__name__, str(exc)
        return "no error", value


@pytest.mark.parametrize("what,call", CALLS, ids=[c[0] for c in CALLS])
def test_out_of_range_ints_fail_like_the_stdlib(what, call):
    assert outcome(pysock, call) == outcome(socket, call)


@pytest.mark.parametrize("value", [1, 1.5, None, ("a", 1)])
def test_unix_address_of_wrong_type(value):
    if not HAS_UNIX:
        pytest.skip("AF_UNIX sockets cannot be created on this platform")
    results = []
    for mod in (socket, pysock):
        with mod.socket(mod.AF_UNIX, mod.SOCK_STREAM) as s:
            with pytest.raises(TypeError) as info:
                s.bind(value)
            results.append(str(info.value))
    assert results[0] == results[1]


def test_index_results_are_released_differential(both):
    """An argument converted through __index__: the int it gives is released
    after the call (its reference count is back where it was), as in the stdlib."""
    import sys

    value = int("1000003")  # a fresh int, neither cached nor immortal

    class Index:
        def __index__(self):
            return value

    flags = Index()
    got = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            b.setblocking(False)
            before = sys.getrefcount(value)
            for _ in range(50):
                try:
                    b.recv(1, flags)  # nothing to read (or flags refused): OSError
                except OSError:
                    pass
            got.append(sys.getrefcount(value) - before)
    assert got == [0, 0]
