"""Audit events (sys.audit) of the name-service functions: the stdlib's event
names and argument tuples, raised at the same point (after argument
conversion, before the lookup), and a refusing hook stops the call."""

import socket as std
import sys

import pytest

from sockutil import HAS_IPV6


class Recorder:
    """One process-wide audit hook (hooks cannot be removed): records the
    socket.* events while `on`, and raises for the event named `refuse`."""

    def __init__(self):
        self.on = False
        self.refuse = None
        self.events = []

    def __call__(self, event, args):
        if not self.on or not event.startswith("socket."):
            return
        self.events.append((event, repr(args)))
        if event == self.refuse:
            raise RuntimeError("refused by the audit hook: " + event)

    def run(self, fn, *args, **kwargs):
        self.events = []
        self.on = True
        try:
            try:
                fn(*args, **kwargs)
                outcome = "ok"
            except Exception as e:  # noqa: BLE001 - compared by type name
                outcome = type(e).__name__
        finally:
            self.on = False
        return outcome, self.events


@pytest.fixture(scope="module")
def recorder():
    rec = Recorder()
    sys.addaudithook(rec)
    return rec


CALLS = [
    ("gethostname", ()),
    ("gethostbyname", ("localhost",)),
    ("gethostbyname", (b"127.0.0.1",)),
    ("gethostbyname", ("nonexistent.invalid",)),
    ("gethostbyname", (1,)),
    ("gethostbyname", ("loc\x00alhost",)),
    ("gethostbyname_ex", ("localhost",)),
    ("gethostbyname_ex", (bytearray(b"127.0.0.1"),)),
    ("gethostbyaddr", ("127.0.0.1",)),
    ("gethostbyaddr", ("nonexistent.invalid",)),
    ("getnameinfo", (("127.0.0.1", 80), 0)),
    ("getnameinfo", (("127.0.0.1", 80, 0, 0), 0)),
    ("getnameinfo", (("127.0.0.1", 80, 1 << 20), 0)),
    ("getnameinfo", ([("127.0.0.1", 80)], 0)),
    ("getnameinfo", (("localhost", 80), 0)),
    ("getservbyname", ("http",)),
    ("getservbyname", ("http", "tcp")),
    ("getservbyname", ("no-such-service-xyz", "udp")),
    ("getservbyname", (b"http",)),
    ("getservbyport", (80,)),
    ("getservbyport", (80, "tcp")),
    ("getservbyport", (70000,)),
    ("getservbyport", (80, None)),
    ("getprotobyname", ("tcp",)),
    ("getaddrinfo", ("127.0.0.1", 80)),
    ("getaddrinfo", ("localhost", "http", 0, 1, 6, 0)),
    ("getaddrinfo", (b"127.0.0.1", b"80")),
    ("getaddrinfo", (None, 80, 2, 1)),
    ("getaddrinfo", (1, 80)),
    ("getaddrinfo", ("127.0.0.1", 1.5)),
    ("getaddrinfo", ("127.0.0.1", 80, "x")),
    ("getfqdn", ()),
    ("getfqdn", ("localhost",)),
    ("getfqdn", ("127.0.0.1",)),
    ("if_nameindex", ()),
    ("if_nametoindex", ("lo",)),
]


@pytest.mark.parametrize("name,args", CALLS, ids=["%s%r" % c for c in CALLS])
def test_events_match_stdlib(recorder, pysock, name, args):
    if not hasattr(std, name):
        pytest.skip(f"the stdlib has no {name} here")
    expected = recorder.run(getattr(std, name), *args)
    assert recorder.run(getattr(pysock, name), *args) == expected


def test_getaddrinfo_keywords_and_enums(recorder, pysock):
    exp = recorder.run(std.getaddrinfo, "127.0.0.1", 80, family=std.AF_INET, type=std.SOCK_STREAM)
    got = recorder.run(pysock.getaddrinfo, "127.0.0.1", 80, family=pysock.AF_INET, type=pysock.SOCK_STREAM)
    assert got == exp
    assert exp[1] == [("socket.getaddrinfo", repr(("127.0.0.1", 80, 2, 1, 0)))]


@pytest.mark.skipif(not HAS_IPV6, reason="IPv6 not usable")
def test_getnameinfo_ipv6_event(recorder, pysock):
    sa = ("::1", 80, 0, 0)
    assert recorder.run(pysock.getnameinfo, sa, 0) == recorder.run(std.getnameinfo, sa, 0)


REFUSED = [
    ("socket.gethostbyname", "gethostbyname", ("localhost",)),
    ("socket.gethostbyname", "gethostbyname_ex", ("localhost",)),
    ("socket.gethostbyaddr", "gethostbyaddr", ("127.0.0.1",)),
    ("socket.gethostname", "gethostname", ()),
    ("socket.getnameinfo", "getnameinfo", (("127.0.0.1", 80), 0)),
    ("socket.getservbyname", "getservbyname", ("http",)),
    ("socket.getservbyport", "getservbyport", (80,)),
    ("socket.getaddrinfo", "getaddrinfo", ("127.0.0.1", 80)),
]


@pytest.mark.parametrize("event,name,args", REFUSED, ids=[r[1] for r in REFUSED])
def test_refusing_hook_stops_the_call(recorder, pysock, event, name, args):
    recorder.refuse = event
    try:
        expected = recorder.run(getattr(std, name), *args)
        got = recorder.run(getattr(pysock, name), *args)
    finally:
        recorder.refuse = None
    assert expected[0] == "RuntimeError"
    assert got == expected
