"""AF_INET6 over ::1: 2- to 4-tuple addresses, flowinfo, scope_id and the
OverflowError range checks of the stdlib."""

import pytest

from sockutil import TIMEOUT, make, outcome, tcp_connection, ipv6_only

pytestmark = ipv6_only


def test_getsockname_is_4_tuple(mod, socks):
    s = make(mod, mod.AF_INET6, track=socks)
    s.bind(("::1", 0))
    addr = s.getsockname()
    assert type(addr) is tuple and len(addr) == 4
    host, port, flowinfo, scope_id = addr
    assert host == "::1" and 0 < port < 65536
    assert flowinfo == 0 and scope_id == 0
    assert all(type(x) is int for x in addr[1:])


@pytest.mark.parametrize(
    "addr",
    [("::1", 0), ("::1", 0, 0), ("::1", 0, 0, 0), ("::1", 0, 5), ("::1", 0, 5, 0)],
    ids=["2-tuple", "3-tuple", "4-tuple", "flowinfo", "flowinfo+scope"],
)
def test_bind_tuple_forms(mod, socks, addr):
    s = make(mod, mod.AF_INET6, mod.SOCK_DGRAM, track=socks)
    s.bind(addr)
    assert s.getsockname()[0] == "::1"


@pytest.mark.parametrize(
    "addr",
    [("::1", 0, 0, 0), ("::1", 0, 1), ("::1", 0, 0xFFFFF, 0), ("::1", 0, 0, 1)],
    ids=["zeros", "flowinfo1", "flowinfo-max", "scope1"],
)
def test_bind_tuple_forms_differential(both, addr):
    res = []
    for m in both:
        with m.socket(m.AF_INET6, m.SOCK_DGRAM) as s:
            r = outcome(s.bind, addr)
            res.append((r, s.getsockname()[2:] if r[0] == "ok" else None))
    assert res[0] == res[1]


def test_connect_accept_addresses(mod, socks):
    lst, cli, srv = tcp_connection(mod, mod.AF_INET6, track=socks)
    assert cli.getpeername() == lst.getsockname()
    assert srv.getpeername() == cli.getsockname()
    assert len(srv.getpeername()) == 4
    cli.sendall(b"six")
    assert srv.recv(3) == b"six"


def test_connect_with_2_tuple(mod, socks):
    lst = make(mod, mod.AF_INET6, track=socks)
    lst.bind(("::1", 0))
    lst.listen()
    cli = make(mod, mod.AF_INET6, track=socks)
    cli.connect(("::1", lst.getsockname()[1]))
    conn, addr = lst.accept()
    socks.add(conn)
    assert len(addr) == 4 and addr[0] == "::1"


def test_udp_sendto_recvfrom_4_tuple(mod, socks):
    a = make(mod, mod.AF_INET6, mod.SOCK_DGRAM, track=socks)
    b = make(mod, mod.AF_INET6, mod.SOCK_DGRAM, track=socks)
    a.bind(("::1", 0))
    b.bind(("::1", 0))
    port = b.getsockname()[1]
    for dest in (("::1", port), ("::1", port, 0), ("::1", port, 0, 0)):
        a.sendto(b"x", dest)
        data, addr = b.recvfrom(10)
        assert data == b"x"
        assert addr == a.getsockname()


@pytest.mark.parametrize(
    "addr,exc",
    [
        (("::1", 0, 1 << 20, 0), OverflowError),
        (("::1", 0, -1, 0), OverflowError),
        (("::1", -1), OverflowError),
        (("::1", 65536), OverflowError),
        (("::1", 1 << 40), OverflowError),
        (("::1",), TypeError),
        (("::1", 0, 0, 0, 0), TypeError),
        (("::1", "x"), TypeError),
        ((1, 0), TypeError),
        ("::1", TypeError),
    ],
    ids=[
        "flowinfo-too-big",
        "flowinfo-negative",
        "port-negative",
        "port-65536",
        "port-huge",
        "1-tuple",
        "5-tuple",
        "port-str",
        "host-int",
        "not-a-tuple",
    ],
)
def test_bad_addresses(mod, socks, addr, exc):
    s = make(mod, mod.AF_INET6, mod.SOCK_DGRAM, track=socks)
    with pytest.raises(exc):
        s.bind(addr)


@pytest.mark.parametrize(
    "addr",
    [("::1", 0, 1 << 20, 0), ("::1", -1), ("::1", 70000, 0, 0)],
    ids=["flowinfo", "port-negative", "port-big"],
)
@pytest.mark.parametrize("method", ["bind", "connect", "sendto"])
def test_overflow_messages_differential(both, addr, method):
    msgs = []
    for m in both:
        with m.socket(m.AF_INET6, m.SOCK_DGRAM) as s:
            s.settimeout(TIMEOUT)
            call = (lambda a: s.sendto(b"x", a)) if method == "sendto" else getattr(s, method)
            with pytest.raises(OverflowError) as ei:
                call(addr)
            msgs.append(str(ei.value))
    assert msgs[0] == msgs[1]


def test_ipv4_host_on_ipv6_socket_differential(both):
    """A dotted IPv4 host on an AF_INET6 socket: same outcome (class, errno)."""
    res = []
    for m in both:
        with m.socket(m.AF_INET6, m.SOCK_DGRAM) as s:
            res.append(outcome(s.bind, ("127.0.0.1", 0)))
    assert res[0] == res[1]


def test_v4mapped_peer(mod, socks):
    """A dual-stack listener on ::ffff:127.0.0.1 sees an IPv4 loopback client
    as ::ffff:127.0.0.1 (only loopback addresses: no wildcard bind)."""
    if not mod.has_dualstack_ipv6():
        pytest.skip("no dual-stack IPv6")
    lst = make(mod, mod.AF_INET6, track=socks)
    lst.setsockopt(mod.IPPROTO_IPV6, mod.IPV6_V6ONLY, 0)
    lst.bind(("::ffff:127.0.0.1", 0))
    lst.listen()
    cli = make(mod, mod.AF_INET, track=socks)
    cli.connect(("127.0.0.1", lst.getsockname()[1]))
    conn, addr = lst.accept()
    socks.add(conn)
    assert addr[0] == "::ffff:127.0.0.1"
    assert addr[1] == cli.getsockname()[1]
