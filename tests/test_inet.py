"""AF_INET: bind / listen / accept / connect / connect_ex / shutdown /
getsockname / getpeername over 127.0.0.1."""

import errno
import socket as std

import pytest

from sockutil import (
    IS_WINDOWS,
    posix_semantics,
    TIMEOUT,
    closed_port,
    make,
    outcome,
    tcp_connection,
)


def test_bind_getsockname(mod, socks):
    s = make(mod, track=socks)
    s.bind(("127.0.0.1", 0))
    host, port = s.getsockname()
    assert host == "127.0.0.1"
    assert isinstance(port, int) and 0 < port < 65536


@posix_semantics("getsockname() of an unbound socket fails with WSAEINVAL")
def test_unbound_getsockname(mod, socks):
    s = make(mod, track=socks)
    assert s.getsockname() == ("0.0.0.0", 0)


def _listen_outcome(mod, *backlog):
    """What listen() returns and what a listening socket then does: it says
    it accepts (SO_ACCEPTCONN where the platform has it), and a stdlib client
    gets through to it, its address seen the same from both ends."""
    with mod.socket() as s:
        s.bind(("127.0.0.1", 0))
        result = s.listen(*backlog)
        accepting = s.getsockopt(mod.SOL_SOCKET, mod.SO_ACCEPTCONN) if hasattr(mod, "SO_ACCEPTCONN") else None
        with std.create_connection(s.getsockname(), timeout=TIMEOUT) as client:
            s.settimeout(TIMEOUT)
            conn, addr = s.accept()
            with conn:
                return result, accepting, addr == client.getsockname(), conn.getpeername() == client.getsockname()


def test_listen_without_backlog(both):
    outcomes = [_listen_outcome(mod) for mod in both]
    assert outcomes[0] == outcomes[1]
    assert outcomes[1][0] is None and outcomes[1][2:] == (True, True)


@pytest.mark.parametrize("backlog", [0, 1, 5, 128, -1])
def test_listen_with_backlog(both, backlog):
    outcomes = [_listen_outcome(mod, backlog) for mod in both]
    assert outcomes[0] == outcomes[1]
    assert outcomes[1][0] is None and outcomes[1][2:] == (True, True)


def test_connect_accept_addresses(mod, socks):
    lst, cli, srv = tcp_connection(mod, track=socks)
    laddr = lst.getsockname()
    assert cli.getpeername() == laddr
    assert srv.getsockname() == laddr
    assert srv.getpeername() == cli.getsockname()
    assert cli.getsockname()[0] == "127.0.0.1"


def test_accept_returns_socket_and_address(mod, socks):
    lst = make(mod, track=socks)
    lst.bind(("127.0.0.1", 0))
    lst.listen(1)
    cli = make(mod, track=socks)
    cli.connect(lst.getsockname())
    res = lst.accept()
    assert isinstance(res, tuple) and len(res) == 2
    conn, addr = res
    socks.add(conn)
    assert isinstance(conn, mod.socket)
    assert addr == cli.getsockname()
    assert conn.family == mod.AF_INET and conn.type == mod.SOCK_STREAM
    assert isinstance(conn.family, mod.AddressFamily)


def test_accepted_socket_timeout_mode(mod, socks):
    """An accepted socket is blocking (default timeout None) unless a default
    timeout is set, regardless of the listener's timeout."""
    lst = make(mod, track=socks)  # has a timeout
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    cli = make(mod, track=socks)
    cli.connect(lst.getsockname())
    conn, _ = lst.accept()
    socks.add(conn)
    assert conn.gettimeout() is None
    assert conn.getblocking() is True


def test_accept_timeout(mod, socks):
    lst = make(mod, track=socks)
    lst.settimeout(0.05)
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    with pytest.raises(TimeoutError):
        lst.accept()


def test_accept_nonblocking(mod, socks):
    lst = make(mod, track=socks)
    lst.setblocking(False)
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    with pytest.raises(BlockingIOError):
        lst.accept()


def test_data_round_trip(mod, socks):
    _, cli, srv = tcp_connection(mod, track=socks)
    assert cli.send(b"ping") == 4
    assert srv.recv(10) == b"ping"
    srv.sendall(b"pong")
    assert cli.recv(10) == b"pong"


def test_connect_ex_success_returns_zero(mod, socks):
    lst = make(mod, track=socks)
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    cli = make(mod, track=socks)
    assert cli.connect_ex(lst.getsockname()) == 0


def test_connect_ex_refused(mod, socks):
    port = closed_port()
    cli = make(mod, track=socks)
    err = cli.connect_ex(("127.0.0.1", port))
    assert isinstance(err, int)
    assert err == errno.ECONNREFUSED or (IS_WINDOWS and err in (10061, errno.ECONNREFUSED))


def test_connect_ex_refused_differential(both):
    port = closed_port()
    codes = []
    for m in both:
        with m.socket() as s:
            s.settimeout(TIMEOUT)
            codes.append(s.connect_ex(("127.0.0.1", port)))
    assert codes[0] == codes[1]


def test_connect_refused_raises(mod, socks):
    port = closed_port()
    cli = make(mod, track=socks)
    with pytest.raises(ConnectionRefusedError) as ei:
        cli.connect(("127.0.0.1", port))
    assert isinstance(ei.value, OSError)


def test_connect_refused_differential(both):
    port = closed_port()
    res = []
    for m in both:
        with m.socket() as s:
            s.settimeout(TIMEOUT)
            res.append(outcome(s.connect, ("127.0.0.1", port)))
    assert res[0] == res[1]


def test_shutdown_write_gives_eof(mod, socks):
    _, cli, srv = tcp_connection(mod, track=socks)
    cli.sendall(b"last")
    cli.shutdown(mod.SHUT_WR)
    assert srv.recv(10) == b"last"
    assert srv.recv(10) == b""
    # The other direction still works.
    srv.sendall(b"reply")
    assert cli.recv(10) == b"reply"


@pytest.mark.parametrize("how", ["SHUT_RD", "SHUT_WR", "SHUT_RDWR"])
def test_shutdown_constants(mod, socks, how):
    _, cli, srv = tcp_connection(mod, track=socks)
    assert getattr(mod, how) == getattr(std, how)
    cli.shutdown(getattr(mod, how))


def test_shutdown_unconnected_raises(both):
    res = []
    for m in both:
        with m.socket() as s:
            res.append(outcome(s.shutdown, m.SHUT_RDWR))
    assert res[0][0] == "raise"
    assert res[0] == res[1]


def test_getpeername_unconnected_raises(both):
    res = []
    for m in both:
        with m.socket() as s:
            res.append(outcome(s.getpeername))
    assert res[0][0] == "raise" and res[0][1] == "OSError"
    assert res[0] == res[1]


def test_bind_twice_raises_same(both):
    res = []
    for m in both:
        with m.socket() as s:
            s.bind(("127.0.0.1", 0))
            res.append(outcome(s.bind, ("127.0.0.1", 0)))
    assert res[0][0] == "raise"
    assert res[0] == res[1]


def test_bind_in_use_raises_same(both):
    res = []
    for m in both:
        with m.socket() as a, m.socket() as b:
            a.bind(("127.0.0.1", 0))
            a.listen()
            res.append(outcome(b.bind, a.getsockname()))
    assert res[0][0] == "raise" and res[0][1] == "OSError"
    assert res[0] == res[1]


def test_connect_udp_sets_peer(mod, socks):
    a = make(mod, mod.AF_INET, mod.SOCK_DGRAM, track=socks)
    b = make(mod, mod.AF_INET, mod.SOCK_DGRAM, track=socks)
    b.bind(("127.0.0.1", 0))
    a.connect(b.getsockname())
    assert a.getpeername() == b.getsockname()
    a.send(b"dgram")
    data, addr = b.recvfrom(100)
    assert data == b"dgram"
    assert addr == a.getsockname()


def test_address_tuple_types(mod, socks):
    _, cli, srv = tcp_connection(mod, track=socks)
    for addr in (cli.getsockname(), cli.getpeername(), srv.getsockname()):
        assert type(addr) is tuple and len(addr) == 2
        assert type(addr[0]) is str and type(addr[1]) is int


def test_bind_accepts_list_address_like_stdlib(both):
    """Whatever the stdlib does with a list instead of a tuple, pysock does too."""
    res = []
    for m in both:
        with m.socket() as s:
            res.append(outcome(s.bind, ["127.0.0.1", 0])[:2])
    assert res[0] == res[1]


def test_unbound_getsockname_differential(both):
    """('0.0.0.0', 0) on POSIX, WSAEINVAL on Windows: the same as the stdlib."""
    res = []
    for m in both:
        with m.socket() as s:
            res.append(outcome(s.getsockname))
    assert res[0] == res[1]
