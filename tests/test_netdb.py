"""getnameinfo, gethostbyname(_ex), gethostbyaddr, getfqdn, getservbyname,
getservbyport and getprotobyname against the stdlib: the same results, the
same exception types with the same arguments (errno, message). Only loopback
and numeric names, and names that fail locally (".invalid")."""

import socket as std

import pytest

from sockutil import HAS_IPV6, IS_WINDOWS, stable_repr


class Index:
    """An object with __index__ only (accepted where the stdlib takes "i")."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


def result(fn, *args):
    """("ok", value) or ("raise", exception class name, its args)."""
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001 - every exception is compared
        return ("raise", type(e).__name__, e.args)


def same(pysock, name, *args):
    expected = result(getattr(std, name), *args)
    got = result(getattr(pysock, name), *args)
    assert got == expected
    return expected


NAMEINFO = [
    (("127.0.0.1", 80), 0),
    (("127.0.0.1", 80), "NI_NUMERICHOST"),
    (("127.0.0.1", 80), "NI_NUMERICSERV"),
    (("127.0.0.1", 80), "NI_NUMERICHOST|NI_NUMERICSERV"),
    (("127.0.0.1", 53), "NI_DGRAM"),
    (("127.0.0.1", 22), 0),
    (("127.0.0.1", 65000), 0),
    (("127.0.0.1", 70000), "NI_NUMERICSERV"),
    (("127.0.0.1", -1), 0),
    (("127.0.0.1", 0), "NI_NUMERICHOST|NI_NUMERICSERV"),
    (("127.0.0.1", 80, 0, 0), 0),
    (("127.0.0.1", 80, 0), 0),
    (("127.0.0.1", Index(80)), 0),
    (("localhost", 80), 0),
    (("", 80), 0),
    (("not-numeric.invalid", 80), 0),
    (("127.0.0.1", 80), -1),
    ([("127.0.0.1", 80)], 0),
    ("127.0.0.1", 0),
    ((b"127.0.0.1", 80), 0),
    ((1, 80), 0),
    (("127.0.0\x00.1", 80), 0),
    (("127.0.0.1",), 0),
    (("127.0.0.1", 80, 1, 2, 3), 0),
    (("127.0.0.1", 1.5), 0),
    (("127.0.0.1", "80"), 0),
    (("127.0.0.1", 1 << 40), 0),
    (("127.0.0.1", -(1 << 40)), 0),
    (("127.0.0.1", 80, "x"), 0),
    (("127.0.0.1", 80, 1 << 20), 0),
    (("127.0.0.1", 80, -1), 0),
    (("127.0.0.1", 80), 1.0),
    (("127.0.0.1", 80), "x"),
    (("127.0.0.1", 80), 1 << 40),
]
NAMEINFO_V6 = [
    (("::1", 80, 0, 0), 0),
    (("::1", 80), "NI_NUMERICHOST"),
    (("::1", 80), "NI_DGRAM"),
    (("::1", 80, 5, 0), "NI_NUMERICHOST"),
    (("::1", 80, 1 << 40), "NI_NUMERICHOST"),
    (("::1", 80, 0, 1 << 70), "NI_NUMERICHOST"),
    (("::1", 80, 0, 1.5), "NI_NUMERICHOST"),
    (("::ffff:127.0.0.1", 80), "NI_NUMERICHOST|NI_NUMERICSERV"),
]
# Link-local addresses print their scope; loopback's index is 1 on Linux.
NAMEINFO_SCOPE = [
    (("fe80::1", 80, 0, 1), "NI_NUMERICHOST"),
    (("fe80::1%1", 80, 0, 0), "NI_NUMERICHOST"),
    (("ff02::1", 80, 0, 1), "NI_NUMERICHOST|NI_NUMERICSERV"),
    (("::1", 80, 0, -1), "NI_NUMERICHOST"),
]


def _flags(m, flags):
    if isinstance(flags, str) and flags.startswith("NI_"):
        value = 0
        for part in flags.split("|"):
            value |= getattr(m, part)
        return value
    return flags


def _nameinfo_case(pysock, sa, flags):
    expected = result(std.getnameinfo, sa, _flags(std, flags))
    got = result(pysock.getnameinfo, sa, _flags(pysock, flags))
    assert got == expected


@pytest.mark.parametrize("sa,flags", NAMEINFO, ids=[stable_repr(c) for c in NAMEINFO])
def test_getnameinfo(pysock, sa, flags):
    _nameinfo_case(pysock, sa, flags)


@pytest.mark.skipif(not HAS_IPV6, reason="IPv6 loopback ::1 not usable")
@pytest.mark.parametrize("sa,flags", NAMEINFO_V6, ids=[stable_repr(c) for c in NAMEINFO_V6])
def test_getnameinfo_ipv6(pysock, sa, flags):
    _nameinfo_case(pysock, sa, flags)


@pytest.mark.skipif(not HAS_IPV6, reason="IPv6 not usable")
@pytest.mark.skipif(IS_WINDOWS, reason="interface index 1 is loopback on Linux; Windows numbers differ")
@pytest.mark.parametrize("sa,flags", NAMEINFO_SCOPE, ids=[stable_repr(c) for c in NAMEINFO_SCOPE])
def test_getnameinfo_scope_id(pysock, sa, flags):
    _nameinfo_case(pysock, sa, flags)


def test_getnameinfo_argument_count(pysock):
    same(pysock, "getnameinfo", ("127.0.0.1", 80))
    same(pysock, "getnameinfo")
    same(pysock, "getnameinfo", ("127.0.0.1", 80), 0, 0)


def test_getnameinfo_result_types(pysock):
    host, port = pysock.getnameinfo(("127.0.0.1", 80), pysock.NI_NUMERICHOST | pysock.NI_NUMERICSERV)
    assert (host, port) == ("127.0.0.1", "80")
    assert type(host) is str and type(port) is str


HOSTS = ["localhost", "127.0.0.1", b"localhost", bytearray(b"127.0.0.1"), "", "<broadcast>",
         "255.255.255.255", "127.1", "nonexistent.invalid", "::1", "a..b", "a" * 64 + ".com",
         "loc\x00alhost", b"loc\x00alhost", 1, None, 1.5]


@pytest.mark.parametrize("host", HOSTS, ids=[stable_repr(h) for h in HOSTS])
def test_gethostbyname(pysock, host):
    same(pysock, "gethostbyname", host)


@pytest.mark.parametrize("host", HOSTS, ids=[stable_repr(h) for h in HOSTS])
def test_gethostbyname_ex(pysock, host):
    same(pysock, "gethostbyname_ex", host)


ADDRS = ["127.0.0.1", b"127.0.0.1", "localhost", "nonexistent.invalid", "::1", "", "<broadcast>",
         "10.255.255.254", "a..b", "127.0.0\x00.1", 1, None]


@pytest.mark.parametrize("addr", ADDRS, ids=[stable_repr(a) for a in ADDRS])
def test_gethostbyaddr(pysock, addr):
    same(pysock, "gethostbyaddr", addr)


@pytest.mark.parametrize("name", ["gethostbyname", "gethostbyname_ex", "gethostbyaddr"])
def test_host_argument_count(pysock, name):
    same(pysock, name)
    same(pysock, name, "localhost", "x")


def test_gethostbyname_ex_shape(pysock):
    name, aliases, addrs = pysock.gethostbyname_ex("localhost")
    assert type(name) is str and type(aliases) is list and type(addrs) is list
    assert "127.0.0.1" in addrs


@pytest.mark.parametrize("name", ["", "localhost", "127.0.0.1", "0.0.0.0", "::", "  localhost  ",
                                  "nonexistent.invalid"])
def test_getfqdn(pysock, name):
    assert pysock.getfqdn(name) == std.getfqdn(name)


def test_getfqdn_default(pysock):
    assert pysock.getfqdn() == std.getfqdn()


def test_getfqdn_bad_argument(pysock):
    assert result(pysock.getfqdn, 1)[:2] == result(std.getfqdn, 1)[:2]


def test_getfqdn_follows_replaced_functions(pysock, monkeypatch):
    """Like the stdlib's, getfqdn looks gethostbyaddr up in the module."""
    monkeypatch.setattr(pysock, "gethostbyaddr", lambda name: ("host", ["a.b.example", "c"], []))
    assert pysock.getfqdn("anything") == "a.b.example"
    monkeypatch.setattr(pysock, "gethostbyaddr", lambda name: ("host", ["c"], []))
    assert pysock.getfqdn("anything") == "host"


SERVICES = [("http",), ("http", "tcp"), ("http", "udp"), ("domain", "udp"), ("ssh", "tcp"),
            ("no-such-service-xyz",), ("http", "no-such-proto"), (b"http",), ("ht\x00tp",),
            ("http", "t\x00cp"), ("http", None), ("http", b"tcp"), (None,), (), ("http", "tcp", "x")]


@pytest.mark.parametrize("args", SERVICES, ids=[stable_repr(a) for a in SERVICES])
def test_getservbyname(pysock, args):
    same(pysock, "getservbyname", *args)


PORTS = [(80,), (22, "tcp"), (53, "udp"), (9999, "tcp"), (0,), (65535,), (65536,), (-1,),
         (1 << 40,), (-(1 << 40),), (1 << 70,), (Index(22),), ("22",), (22.0,), (22, None),
         (22, b"tcp"), (22, "t\x00cp"), (), (22, "tcp", "x"), (True,)]


@pytest.mark.parametrize("args", PORTS, ids=[stable_repr(a) for a in PORTS])
def test_getservbyport(pysock, args):
    same(pysock, "getservbyport", *args)


PROTOCOLS = [("tcp",), ("udp",), ("icmp",), ("ip",), ("no-such-proto",), (b"tcp",),
             ("t\x00cp",), (None,), (), ("tcp", "udp")]


@pytest.mark.parametrize("args", PROTOCOLS, ids=[stable_repr(a) for a in PROTOCOLS])
def test_getprotobyname(pysock, args):
    same(pysock, "getprotobyname", *args)


def test_no_keyword_arguments(pysock):
    for name, args, kwargs in [("getservbyname", ("http",), {"protocolname": "tcp"}),
                               ("getnameinfo", (("127.0.0.1", 80),), {"flags": 0}),
                               ("gethostbyname", (), {"hostname": "localhost"})]:
        exp = result(lambda: getattr(std, name)(*args, **kwargs))
        got = result(lambda: getattr(pysock, name)(*args, **kwargs))
        assert got[:2] == exp[:2] == ("raise", "TypeError")


def test_names_exported_like_stdlib(pysock):
    for name in ("getnameinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getfqdn",
                 "getservbyname", "getservbyport", "getprotobyname", "sethostname",
                 "if_nameindex", "if_nametoindex", "if_indextoname"):
        assert hasattr(pysock, name) == hasattr(std, name), name
        assert (name in pysock.__all__) == (name in std.__all__), name
