"""getaddrinfo against the stdlib beyond test_getaddrinfo.py: every AI_*
flag, the family/type/proto filters, service names, the port and host
argument types, IDNA encoding, and the order in which bad arguments are
reported. Loopback, numeric hosts and names that fail locally only."""

import socket as std

import pytest

from sockutil import HAS_IPV6, stable_repr


class Index:
    def __index__(self):
        return 80


class Port(int):
    pass


def result(fn, *args, **kwargs):
    try:
        value = fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - every exception is compared
        return ("raise", type(e).__name__, e.args)
    return ("ok", sorted((int(f), int(t), p, c, a) for f, t, p, c, a in value))


def names(m, spec):
    value = 0
    for part in spec.split("|"):
        value |= getattr(m, part)
    return value


FLAGS = [f for f in ("AI_PASSIVE", "AI_CANONNAME", "AI_NUMERICHOST", "AI_NUMERICSERV", "AI_V4MAPPED",
                     "AI_ALL", "AI_ADDRCONFIG", "AI_V4MAPPED|AI_ALL", "AI_PASSIVE|AI_NUMERICSERV")
         if all(hasattr(std, p) for p in f.split("|"))]
HOSTS = [None, "127.0.0.1", "localhost", "::1"]


@pytest.mark.parametrize("flags", FLAGS)
@pytest.mark.parametrize("host", HOSTS, ids=stable_repr)
def test_each_flag(pysock, flags, host):
    if host == "::1" and not HAS_IPV6:
        pytest.skip("IPv6 not usable")
    for family in ("AF_UNSPEC", "AF_INET", "AF_INET6"):
        if family == "AF_INET6" and not HAS_IPV6:
            continue
        exp = result(std.getaddrinfo, host, 80, getattr(std, family), std.SOCK_STREAM, 0, names(std, flags))
        got = result(pysock.getaddrinfo, host, 80, getattr(pysock, family), pysock.SOCK_STREAM, 0,
                     names(pysock, flags))
        assert got == exp, family


SERVICES = ["http", "ssh", "domain", "80", b"http", "no-such-service-xyz", "", None, 0, 65535]
KINDS = [("SOCK_STREAM", 0), ("SOCK_DGRAM", 0), ("SOCK_STREAM", "IPPROTO_TCP"), ("SOCK_DGRAM", "IPPROTO_UDP"),
         (0, "IPPROTO_UDP"), ("SOCK_RAW", 0), ("SOCK_STREAM", "IPPROTO_UDP")]


@pytest.mark.parametrize("service", SERVICES, ids=stable_repr)
@pytest.mark.parametrize("kind,proto", KINDS, ids=stable_repr)
def test_services_and_filters(pysock, service, kind, proto):
    def arg(m, v):
        return getattr(m, v) if isinstance(v, str) else v
    exp = result(std.getaddrinfo, "127.0.0.1", service, std.AF_INET, arg(std, kind), arg(std, proto))
    got = result(pysock.getaddrinfo, "127.0.0.1", service, pysock.AF_INET, arg(pysock, kind), arg(pysock, proto))
    assert got == exp


ARGUMENTS = [
    ((None, None), {}),
    (("127.0.0.1", True), {}),
    (("127.0.0.1", Port(80)), {}),
    (("127.0.0.1", Index()), {}),
    (("127.0.0.1", 1.5), {}),
    (("127.0.0.1", bytearray(b"80")), {}),
    (("127.0.0.1", -1), {}),
    (("127.0.0.1", 1 << 40), {}),
    ((bytearray(b"127.0.0.1"), 80), {}),
    ((1, 80, "x"), {}),
    ((1, 80), {}),
    (("127.0.0.1", 80, "x"), {}),
    (("127.0.0.1", 80, 1 << 40), {}),
    (("127.0.0.1", 80, 0, 0, 0, 1.0), {}),
    (("bücher.invalid", 80), {}),
    (("a..b", 80), {}),
    (("a" * 64 + ".invalid", 80), {}),
    (("127.0.0.1",), {}),
    (("127.0.0.1", 80), {"flags": -1}),
    (("127.0.0.1", 80), {"family": 12345}),
    (("127.0.0.1", 80), {"type": 12345}),
    (("127.0.0.1", 80), {"nonsense": 1}),
    ((), {"host": "127.0.0.1", "port": "http", "type": 1}),
]


@pytest.mark.parametrize("args,kwargs", ARGUMENTS, ids=[stable_repr(a) for a in ARGUMENTS])
def test_arguments(pysock, args, kwargs):
    assert result(pysock.getaddrinfo, *args, **kwargs) == result(std.getaddrinfo, *args, **kwargs)
