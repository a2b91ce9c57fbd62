"""Malformed and boundary addresses of every Linux-only family: pysock raises
what the stdlib raises (type and text), for bind, connect, connect_ex and
sendto. The sockets are look-alikes (see familyutil.lookalike), so this runs
whether or not the kernel has the family."""
import socket as std

import pytest

from familyutil import attempt

BIG = 2 ** 64 + 5

# (family, type, protocol names) -> addresses to try
CASES = [
    (("AF_NETLINK", "SOCK_RAW", 0), [
        [1], (1,), (1, 2, 3), ("a", 1), (1.0, 2), (-1, 0), (2 ** 32, 0), (BIG, 0), (0, 0), None]),
    (("AF_PACKET", "SOCK_DGRAM", 0), [
        ["lo", 0], ("lo",), ("nosuchif0", 0), (b"lo", 0), ("lo", 70000), ("lo", -1),
        ("lo", 0, 0, 0, b"123456789"), ("nosuchif0", 0, 0, 0, b"123456789"),
        ("nosuchif0", 70000), ("lo", 2 ** 31), ("lo", 0, 2 ** 31), ("lo", 0, 0, -2 ** 40),
        ("lo", 0, "x"), ("lo", 0, 0, 0, "ab"), ("l\0o", 0), ("lo", 0, 300, 70000, b"ab"),
        ("lo", 0, 0, 0, bytearray(b"ab")), ("lo", 0, 0, 0, b"ab", 1), ("a" * 20, 0),
        ("", 0), ("lo", 1.5), ("\udcff", 0)]),
    (("AF_CAN", "SOCK_RAW", "CAN_RAW"), [
        ["lo"], ("lo",), ("",), ("a" * 16,), ("a" * 15,), (b"lo",), (1,), ("lo", 1), (),
        ("l\0o",), "lo", (bytearray(b"lo"),)]),
    (("AF_CAN", "SOCK_DGRAM", "CAN_BCM"), [["lo"], ("lo",), ("",), ("nosuchcan",)]),
    (("AF_CAN", "SOCK_DGRAM", "CAN_ISOTP"), [
        ["lo", 1, 2], ("lo", 1), ("lo", 1, 2), ("", 1, 2), ("lo", -1, BIG), ("lo", 1.0, 2),
        ("lo", "a", 2), ("lo", 1, "a"), ("a" * 16, 1, 2), ("lo", 1, 2, 3), (3, 1, 2), ("l\0o", 1, 2)]),
    (("AF_CAN", "SOCK_DGRAM", "CAN_J1939"), [
        ["lo", 1, 2, 3], ("lo", 1, 2), ("", 1, 2, 3), ("lo", -1, -1, 256),
        ("lo", 2 ** 70, 2 ** 40, 2 ** 10), ("lo", 1.0, 2, 3), ("lo", 1, 2.0, 3),
        ("lo", 1, 2, "x"), ("a" * 16, 1, 2, 3), (3, 1, 2, 3), ("l\0o", 1, 2, 3)]),
    (("AF_CAN", "SOCK_DGRAM", 5), [("lo",), "x"]),
    (("AF_ALG", "SOCK_SEQPACKET", 0), [
        ["hash", "sha256"], ("hash",), ("hash", "sha256"), ("h" * 14, "x"), ("h" * 13, "x"),
        ("hash", "n" * 64), ("hash", "n" * 63), ("hash", "sha256", 1, 2),
        ("hash", "sha256", -1, 2 ** 40), ("hash", "sha256", 1.0), (b"hash", "sha256"),
        ("hash", b"sha256"), ("ha\0sh", "x"), ("hash", "sha256", 1, 2, 3), ("h" * 14, "n" * 64),
        ("hash", "sh\0a"), ("hash", "\udcff"), ("\udcff", "x")]),
    (("AF_VSOCK", "SOCK_STREAM", 0), [
        [1, 2], (1,), (1, 2), (-1, -1), (2 ** 33, 1), ("a", 1), (1.5, 1), (1, 2, 3), None]),
    (("AF_TIPC", "SOCK_RDM", 0), [
        [1, 2, 3, 4], (1, 2, 3), (1, 2, 3, 4), (2, 2, 3, 4, 5), (3, 1, 2, 0), (9, 1, 2, 3),
        (0, 1, 2, 3), (1, 2, 3, 4, 5, 6), (-1, 1, 2, 3), ("a", 1, 2, 3), (1, 2 ** 40, 3, 4),
        (1, 2, 3, 4, 2.0)]),
    (("AF_QIPCRTR", "SOCK_DGRAM", 0), [
        [1, 2], (1,), (1, 2), (-1, 2 ** 40), ("a", 1), (1, 2, 3)]),
    (("AF_RDS", "SOCK_SEQPACKET", 0), [
        ["127.0.0.1", 1], ("127.0.0.1",), ("127.0.0.1", 70000), ("127.0.0.1", 0)]),
    (("AF_X25", "SOCK_DGRAM", 0), [("a",), 1]),
]


def _params():
    for (family, kind, proto), addresses in CASES:
        for address in addresses:
            label = "%s-%s-%r" % (family, proto, address)
            yield pytest.param(family, kind, proto, address, id=label[:80])


@pytest.mark.parametrize("family,kind,proto,address", list(_params()))
@pytest.mark.parametrize("method", ["bind", "connect", "connect_ex", "sendto"])
def test_bad_address_like_stdlib(pysock, family, kind, proto, address, method):
    if not hasattr(std, family):
        pytest.skip("the stdlib has no %s here" % family)
    proto_value = getattr(std, proto) if isinstance(proto, str) else proto
    args = (getattr(std, family), getattr(std, kind), proto_value)
    expected = attempt(std, *args, method, address)
    got = attempt(pysock, *args, method, address)
    assert got == expected
