"""socket(): defaults, attributes and their enum types, fileno= detection,
SOCK_NONBLOCK / SOCK_CLOEXEC, inheritability."""

import os
import socket as std

import pytest

from sockutil import IS_LINUX, HAS_IPV6, HAS_UNIX, linux_only, unix_only, ipv6_only, needs_fileno_wrapping


def test_defaults(mod):
    with mod.socket() as s:
        assert s.family == mod.AF_INET
        assert s.type == mod.SOCK_STREAM
        assert s.proto == 0
        assert s.fileno() >= 0
        assert s.gettimeout() is None
        assert s.getblocking() is True


@pytest.mark.pysock_only
def test_made_but_never_initialised_like_stdlib(pysock):
    """The C type's __new__ without __init__ (copy and pickle machinery,
    subclasses that forget super().__init__): the same fields, timeout,
    blocking mode and repr as the stdlib's _socket.socket in that state."""
    import _socket

    seen = []
    for cls in (_socket.socket, pysock._core.socket):
        s = cls.__new__(cls)
        seen.append([s.family, s.type, s.proto, s.timeout, s.fileno(), s.gettimeout(), s.getblocking(), repr(s)])
    assert seen[0] == seen[1]


def test_family_type_enum_types(mod):
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as s:
        assert isinstance(s.family, mod.AddressFamily)
        assert isinstance(s.type, mod.SocketKind)
        assert type(s.family).__name__ == "AddressFamily"
        assert type(s.type).__name__ == "SocketKind"
        assert s.family.name == "AF_INET"
        assert s.type.name == "SOCK_DGRAM"
        assert type(s.proto) is int


def test_enum_classes_are_intenums(mod):
    import enum

    assert issubclass(mod.AddressFamily, enum.IntEnum)
    assert issubclass(mod.SocketKind, enum.IntEnum)
    assert isinstance(mod.AF_INET, mod.AddressFamily)
    assert isinstance(mod.SOCK_STREAM, mod.SocketKind)
    assert mod.AddressFamily(2) is mod.AF_INET


def test_enum_members_match_stdlib(pysock):
    """AddressFamily / SocketKind members that both define have equal values."""
    for enum_name in ("AddressFamily", "SocketKind"):
        s_enum = getattr(std, enum_name)
        p_enum = getattr(pysock, enum_name)
        for name, member in s_enum.__members__.items():
            if name in p_enum.__members__:
                assert int(p_enum[name]) == int(member), (enum_name, name)
        # Core members must be there.
    for name in ("AF_INET", "AF_INET6"):
        assert name in pysock.AddressFamily.__members__
    for name in ("SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW"):
        assert name in pysock.SocketKind.__members__


@pytest.mark.parametrize(
    "family_name,type_name",
    [
        ("AF_INET", "SOCK_STREAM"),
        ("AF_INET", "SOCK_DGRAM"),
        pytest.param("AF_INET6", "SOCK_STREAM", marks=ipv6_only),
        pytest.param("AF_INET6", "SOCK_DGRAM", marks=ipv6_only),
        pytest.param("AF_UNIX", "SOCK_STREAM", marks=unix_only),
        pytest.param("AF_UNIX", "SOCK_DGRAM", marks=unix_only),
    ],
)
def test_attributes_per_family(mod, family_name, type_name):
    fam = getattr(mod, family_name)
    typ = getattr(mod, type_name)
    with mod.socket(fam, typ) as s:
        assert s.family == fam and s.family.name == family_name
        assert s.type == typ and s.type.name == type_name
        assert s.proto == 0


def test_explicit_proto(mod):
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM, mod.IPPROTO_TCP) as s:
        assert s.proto == mod.IPPROTO_TCP
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM, mod.IPPROTO_UDP) as s:
        assert s.proto == mod.IPPROTO_UDP


def test_keyword_arguments(mod):
    with mod.socket(family=mod.AF_INET, type=mod.SOCK_DGRAM, proto=0) as s:
        assert s.type == mod.SOCK_DGRAM


def test_plain_ints_accepted(mod):
    with mod.socket(int(std.AF_INET), int(std.SOCK_DGRAM)) as s:
        assert s.family == mod.AF_INET
        assert isinstance(s.family, mod.AddressFamily)


@pytest.mark.parametrize(
    "family_name,type_name,proto",
    [
        ("AF_INET", "SOCK_STREAM", 0),
        ("AF_INET", "SOCK_DGRAM", 0),
        ("AF_INET", "SOCK_STREAM", "IPPROTO_TCP"),
        pytest.param("AF_INET6", "SOCK_DGRAM", 0, marks=ipv6_only),
        pytest.param("AF_UNIX", "SOCK_STREAM", 0, marks=unix_only),
        pytest.param("AF_UNIX", "SOCK_DGRAM", 0, marks=unix_only),
    ],
)
@needs_fileno_wrapping
def test_fileno_autodetect_from_stdlib_socket(mod, family_name, type_name, proto):
    """Create with the stdlib, detach(), wrap in ``mod``: family/type/proto detected."""
    p = getattr(std, proto) if isinstance(proto, str) else proto
    orig = std.socket(getattr(std, family_name), getattr(std, type_name), p)
    kproto = orig.getsockopt(std.SOL_SOCKET, std.SO_PROTOCOL) if IS_LINUX else None
    expect = (orig.family, orig.type, kproto)
    fd = orig.detach()
    with mod.socket(fileno=fd) as s:
        assert s.fileno() == fd
        assert s.family == expect[0]
        assert s.type == expect[1]
        assert isinstance(s.family, mod.AddressFamily)
        assert isinstance(s.type, mod.SocketKind)
        if IS_LINUX:
            # The kernel's protocol (SO_PROTOCOL), e.g. 6 for TCP even if 0 was given.
            assert s.proto == expect[2]


@needs_fileno_wrapping
def test_fileno_autodetect_differential(both):
    """The same detached fd wrapped by the stdlib and by pysock reports the same."""
    stdmod, pysock = both
    results = []
    for m in both:
        orig = std.socket(std.AF_INET, std.SOCK_DGRAM)
        fd = orig.detach()
        with m.socket(fileno=fd) as s:
            results.append((int(s.family), int(s.type), s.proto, s.gettimeout()))
    assert results[0] == results[1]


def test_fileno_explicit_family_wins(mod):
    orig = std.socket(std.AF_INET, std.SOCK_STREAM)
    fd = orig.detach()
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM, 0, fd) as s:
        assert s.fileno() == fd
        assert s.family == mod.AF_INET


def test_fileno_bound_socket_keeps_address(mod):
    orig = std.socket(std.AF_INET, std.SOCK_STREAM)
    orig.bind(("127.0.0.1", 0))
    addr = orig.getsockname()
    fd = orig.detach()
    with mod.socket(fileno=fd) as s:
        assert s.getsockname() == addr


def test_fileno_negative_rejected(mod):
    with pytest.raises(ValueError):
        mod.socket(fileno=-1)


def test_fileno_wrong_type(mod):
    with pytest.raises(TypeError):
        mod.socket(fileno="3")


@pytest.mark.parametrize("fileno", ["3", b"abc", bytearray(b"abc"), 1.5], ids=["str", "bytes", "bytearray", "float"])
def test_fileno_wrong_type_differential(both, fileno):
    """Not a descriptor: the same exception and words. (Bytes are share()'s
    data where the stdlib has fromshare, and no descriptor elsewhere.)"""
    res = []
    for m in both:
        try:
            m.socket(fileno=fileno).close()
            res.append("ok")
        except Exception as e:  # noqa: BLE001 - compared, whatever it is
            res.append((type(e).__name__, str(e)))
    assert res[0] != "ok"
    assert res[0] == res[1]


@linux_only
def test_sock_nonblock_flag(mod):
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM | mod.SOCK_NONBLOCK) as s:
        assert s.type == mod.SOCK_STREAM
        assert s.gettimeout() == 0.0
        assert s.getblocking() is False


@linux_only
def test_sock_cloexec_flag(mod):
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM | mod.SOCK_CLOEXEC) as s:
        assert s.type == mod.SOCK_DGRAM
        assert s.gettimeout() is None
        assert s.get_inheritable() is False


@linux_only
def test_sock_nonblock_cloexec_combined_type_clean(mod):
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM | mod.SOCK_NONBLOCK | mod.SOCK_CLOEXEC) as s:
        assert s.type is mod.SOCK_STREAM or s.type == mod.SOCK_STREAM
        assert s.type.name == "SOCK_STREAM"


@linux_only
def test_sock_nonblock_recv_raises_blockingioerror(mod):
    with mod.socket(mod.AF_INET, mod.SOCK_DGRAM | mod.SOCK_NONBLOCK) as s:
        s.bind(("127.0.0.1", 0))
        with pytest.raises(BlockingIOError):
            s.recv(10)


def _os_inheritable(s):
    """What the OS says of the socket's handle, asked without the socket module."""
    if os.name == "posix":
        return os.get_inheritable(s.fileno())
    return os.get_handle_inheritable(s.fileno())


def test_non_inheritable_by_default(both):
    outcomes = []
    for mod in both:
        with mod.socket() as s:
            outcomes.append((s.get_inheritable(), _os_inheritable(s)))
    assert outcomes[0] == outcomes[1] == (False, False)


def test_set_inheritable_round_trip(mod):
    with mod.socket() as s:
        s.set_inheritable(True)
        assert s.get_inheritable() is True
        if os.name == "posix":
            assert os.get_inheritable(s.fileno()) is True
        s.set_inheritable(False)
        assert s.get_inheritable() is False
        if os.name == "posix":
            assert os.get_inheritable(s.fileno()) is False


def test_socketpair_non_inheritable(mod):
    a, b = mod.socketpair()
    with a, b:
        assert a.get_inheritable() is False
        assert b.get_inheritable() is False


def test_accepted_socket_non_inheritable(mod):
    with mod.socket() as lst:
        lst.settimeout(2)
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        with mod.create_connection(lst.getsockname(), timeout=2):
            conn, _ = lst.accept()
            with conn:
                assert conn.get_inheritable() is False


def test_dup_non_inheritable(mod):
    with mod.socket() as s:
        s.set_inheritable(True)
        with s.dup() as d:
            assert d.get_inheritable() is False


def test_socket_type_alias(mod):
    assert mod.SocketType is not None
    with mod.socket() as s:
        assert isinstance(s, mod.SocketType)
        assert isinstance(s, mod.socket)


def test_socket_is_a_class(mod):
    assert isinstance(mod.socket, type)
    assert mod.socket.__name__ == "socket"


@needs_fileno_wrapping
@pytest.mark.parametrize("given", [dict(type=2, proto=0), dict(proto=0), dict(type=2)], ids=["type-proto", "proto", "type"])
def test_fileno_with_family_left_out_detects_it(both, given):
    """socket(fileno=fd) with the family left out (and type or proto given):
    the family is read from the descriptor, as the stdlib does."""
    res = []
    for m in both:
        with std.socket(std.AF_INET, std.SOCK_DGRAM) as carrier:
            with m.socket(fileno=os.dup(carrier.fileno()), **given) as s:
                res.append((int(s.family), int(s.type), s.proto))
    assert res[0][0] == int(std.AF_INET)
    assert res[0] == res[1]
