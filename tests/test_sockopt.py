"""setsockopt (int, buffer, None + optlen) and getsockopt (int, or bytes with
buflen), compared with the stdlib."""

import struct
import socket as std

import pytest

from sockutil import IS_LINUX, IS_WINDOWS, linux_only, make, outcome


def test_setsockopt_int_roundtrip(mod, socks):
    s = make(mod, track=socks)
    assert s.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR) == 0
    assert s.setsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, 1) is None
    assert s.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR) != 0


def test_setsockopt_bool_is_int(mod, socks):
    s = make(mod, track=socks)
    s.setsockopt(mod.SOL_SOCKET, mod.SO_KEEPALIVE, True)
    assert s.getsockopt(mod.SOL_SOCKET, mod.SO_KEEPALIVE) != 0


def test_tcp_nodelay(mod, socks):
    s = make(mod, track=socks)
    s.setsockopt(mod.IPPROTO_TCP, mod.TCP_NODELAY, 1)
    assert s.getsockopt(mod.IPPROTO_TCP, mod.TCP_NODELAY) != 0


def test_so_type_and_error(mod, socks):
    s = make(mod, mod.AF_INET, mod.SOCK_DGRAM, track=socks)
    assert s.getsockopt(mod.SOL_SOCKET, mod.SO_TYPE) == int(mod.SOCK_DGRAM)
    assert s.getsockopt(mod.SOL_SOCKET, mod.SO_ERROR) == 0


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_setsockopt_buffer(mod, socks, kind):
    s = make(mod, track=socks)
    s.setsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, kind(struct.pack("i", 1)))
    assert s.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR) != 0


def test_getsockopt_buflen_returns_bytes(mod, socks):
    s = make(mod, track=socks)
    s.setsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, 1)
    raw = s.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, 4)
    assert type(raw) is bytes and len(raw) == 4
    assert struct.unpack("i", raw)[0] != 0


@pytest.mark.skipif(IS_WINDOWS, reason="struct linger layout differs on Windows")
def test_so_linger_struct(mod, socks):
    s = make(mod, track=socks)
    s.setsockopt(mod.SOL_SOCKET, mod.SO_LINGER, struct.pack("ii", 1, 0))
    raw = s.getsockopt(mod.SOL_SOCKET, mod.SO_LINGER, 8)
    assert struct.unpack("ii", raw)[0] != 0


@linux_only
def test_setsockopt_none_optlen(mod, socks):
    """(level, optname, None, optlen): a NULL optval with a length."""
    s = make(mod, track=socks)
    # SO_BINDTODEVICE with NULL/0 removes any device binding.
    assert s.setsockopt(mod.SOL_SOCKET, mod.SO_BINDTODEVICE, None, 0) is None


def test_setsockopt_none_optlen_differential(both):
    res = []
    for m in both:
        with m.socket() as s:
            res.append(
                (
                    outcome(s.setsockopt, m.SOL_SOCKET, m.SO_REUSEADDR, None, 0),
                    outcome(s.setsockopt, m.SOL_SOCKET, m.SO_REUSEADDR, None, 4),
                )
            )
    assert res[0] == res[1]


@pytest.mark.parametrize(
    "args",
    [
        ("SOL_SOCKET", "SO_RCVBUF", 65536),
        ("SOL_SOCKET", "SO_SNDBUF", 32768),
        ("SOL_SOCKET", "SO_KEEPALIVE", 1),
        ("SOL_SOCKET", "SO_BROADCAST", 1),
        ("IPPROTO_TCP", "TCP_NODELAY", 1),
        ("IPPROTO_IP", "IP_TTL", 33),
    ],
    ids=lambda a: a[1] if isinstance(a, tuple) else str(a),
)
def test_setget_values_differential(both, args):
    level, name, value = args
    res = []
    for m in both:
        with m.socket() as s:
            lv, opt = getattr(m, level), getattr(m, name)
            s.setsockopt(lv, opt, value)
            res.append((s.getsockopt(lv, opt), s.getsockopt(lv, opt, 4)))
    assert res[0] == res[1]


def test_default_values_differential(both):
    names = [
        ("SOL_SOCKET", "SO_REUSEADDR"),
        ("SOL_SOCKET", "SO_KEEPALIVE"),
        ("SOL_SOCKET", "SO_TYPE"),
        ("SOL_SOCKET", "SO_ERROR"),
        ("SOL_SOCKET", "SO_RCVBUF"),
        ("SOL_SOCKET", "SO_SNDBUF"),
        ("IPPROTO_TCP", "TCP_NODELAY"),
    ]
    res = []
    for m in both:
        with m.socket() as s:
            res.append([s.getsockopt(getattr(m, lv), getattr(m, o)) for lv, o in names])
    assert res[0] == res[1]


BAD_SETSOCKOPT = [
    pytest.param((1.5,), id="float"),
    pytest.param(("1",), id="str"),
    pytest.param((None,), id="None-without-optlen"),
    pytest.param((1, 4), id="int-with-optlen"),
    pytest.param((None, "x"), id="None-with-str-optlen"),
    pytest.param((b"\1\0\0\0", 4), id="buffer-with-optlen"),
    pytest.param((1 << 40,), id="int-too-big"),
    pytest.param((None, -1), id="None-negative-optlen"),
    pytest.param((b"",), id="empty-buffer"),
]


@pytest.mark.parametrize("tail", BAD_SETSOCKOPT)
def test_setsockopt_bad_differential(both, tail):
    res = []
    for m in both:
        with m.socket() as s:
            res.append(outcome(s.setsockopt, m.SOL_SOCKET, m.SO_REUSEADDR, *tail))
    assert res[0] == res[1]


def test_setsockopt_float_typeerror(mod, socks):
    s = make(mod, track=socks)
    with pytest.raises(TypeError):
        s.setsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, 1.5)


def test_setsockopt_bad_level_type(mod, socks):
    s = make(mod, track=socks)
    with pytest.raises(TypeError):
        s.setsockopt("x", 1, 1)
    with pytest.raises(TypeError):
        s.setsockopt(mod.SOL_SOCKET)


@pytest.mark.parametrize("buflen", [-1, 0, 1025, 4.0, "4"])
def test_getsockopt_bad_buflen_differential(both, buflen):
    res = []
    for m in both:
        with m.socket() as s:
            r = outcome(s.getsockopt, m.SOL_SOCKET, m.SO_REUSEADDR, buflen)
            res.append(r)
    assert res[0] == res[1]


def test_getsockopt_max_buflen(mod, socks):
    s = make(mod, track=socks)
    raw = s.getsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, 1024)
    assert type(raw) is bytes and 0 < len(raw) <= 1024


def test_unknown_option_differential(both):
    res = []
    for m in both:
        with m.socket() as s:
            res.append((outcome(s.setsockopt, 12345, 9999, 1), outcome(s.getsockopt, 12345, 9999)))
    assert res[0][0][0] == "raise"
    assert res[0] == res[1]
