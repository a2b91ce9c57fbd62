"""Scenarios the rest of the suite missed, each run through the stdlib and
pysock in the same test and compared: sub-millisecond timeouts, scoped IPv6
addresses, create_connection over several addresses, and connections whose
two ends come from different modules (so that a bug shared by both ends of a
pysock-only connection cannot hide)."""

import errno
import socket as std

import pytest

from sockutil import HAS_IPV6, IS_LINUX, TIMEOUT, closed_port, unix_path

# -- timeouts under a millisecond -------------------------------------------------------

SUB_MS = [0.0001, 0.0004, 0.0009]


def _sub_ms_recv(mod, timeout, queued):
    a, b = mod.socketpair()
    with a, b:
        if queued:
            a.sendall(b"ready")
        b.settimeout(timeout)
        try:
            return b.recv(16)
        except OSError as e:
            return type(e), e.errno


@pytest.mark.parametrize("timeout", SUB_MS)
@pytest.mark.parametrize("queued", [True, False], ids=["data-queued", "nothing-queued"])
def test_sub_millisecond_timeout_recv(both, timeout, queued):
    """Data already there is returned however short the timeout (a timeout
    rounded down to 0 ms used to raise TimeoutError); nothing there times out."""
    outcomes = [_sub_ms_recv(mod, timeout, queued) for mod in both]
    assert outcomes[0] == outcomes[1]
    assert outcomes[1] == (b"ready" if queued else (TimeoutError, None))


@pytest.mark.parametrize("timeout", SUB_MS)
def test_sub_millisecond_timeout_accept_pending(both, timeout):
    """A connection already pending is accepted under a sub-millisecond timeout."""
    outcomes = []
    for mod in both:
        with mod.socket() as lst:
            lst.bind(("127.0.0.1", 0))
            lst.listen()
            # Over loopback the handshake is complete, and the connection
            # queued on the listener, once connect returns.
            with std.create_connection(lst.getsockname(), timeout=TIMEOUT) as client:
                lst.settimeout(timeout)
                try:
                    conn, addr = lst.accept()
                except OSError as e:
                    outcomes.append((type(e), e.errno))
                    continue
                with conn:
                    outcomes.append(addr == client.getsockname())
    assert outcomes[0] == outcomes[1] == True  # noqa: E712


@pytest.mark.parametrize("timeout", SUB_MS)
def test_sub_millisecond_timeout_sendall_with_room(both, timeout):
    outcomes = []
    for mod in both:
        a, b = mod.socketpair()
        with a, b:
            a.settimeout(timeout)
            outcomes.append((a.sendall(b"x" * 100), b.recv(200)))
    assert outcomes[0] == outcomes[1] == (None, b"x" * 100)


# -- scoped IPv6 addresses --------------------------------------------------------------

needs_ipv6 = pytest.mark.skipif(not HAS_IPV6, reason="no IPv6 on this host")


def _loopback_index(mod):
    try:
        return mod.if_nametoindex("lo")
    except OSError:
        pytest.skip("no interface named lo")


@needs_ipv6
@pytest.mark.skipif(not IS_LINUX, reason="the interface is Linux's lo")
@pytest.mark.parametrize("host", ["fe80::1%lo", "fe80::1%{index}", "fe80::abcd:1%lo"])
def test_getaddrinfo_scope_id(both, host):
    """The scope of a link-local address reaches the address tuple (decoding
    it as 0 went unnoticed before)."""
    outcomes = []
    for mod in both:
        text = host.format(index=_loopback_index(mod))
        outcomes.append(mod.getaddrinfo(text, 80, mod.AF_INET6, mod.SOCK_STREAM))
    assert outcomes[0] == outcomes[1]
    assert outcomes[1][0][4][3] == _loopback_index(both[1])


@needs_ipv6
@pytest.mark.skipif(not IS_LINUX, reason="the interface is Linux's lo")
@pytest.mark.parametrize("flowinfo", [0, 1, 0xFFFFF])
def test_getnameinfo_scope_and_flowinfo(both, flowinfo):
    outcomes = []
    for mod in both:
        sa = ("fe80::1", 80, flowinfo, _loopback_index(mod))
        outcomes.append(mod.getnameinfo(sa, mod.NI_NUMERICHOST | mod.NI_NUMERICSERV))
    assert outcomes[0] == outcomes[1]
    assert outcomes[1] == ("fe80::1%lo", "80")


@needs_ipv6
def test_udp_v6_flowinfo_and_scope_seen_from_the_other_module(both):
    """An IPv6 datagram from one module to the other: each side's address
    tuples, as the other module decodes them, agree."""
    stdlib, pysock = both
    for sender_mod, receiver_mod in ((stdlib, pysock), (pysock, stdlib)):
        with sender_mod.socket(sender_mod.AF_INET6, sender_mod.SOCK_DGRAM) as tx, \
                receiver_mod.socket(receiver_mod.AF_INET6, receiver_mod.SOCK_DGRAM) as rx:
            rx.bind(("::1", 0))
            rx.settimeout(TIMEOUT)
            tx.bind(("::1", 0))
            tx.sendto(b"v6", rx.getsockname())
            data, addr = rx.recvfrom(16)
            assert data == b"v6"
            assert addr == tx.getsockname()


# -- create_connection over several addresses -----------------------------------------


def _fake_resolver(entries):
    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        return entries
    return getaddrinfo


def _several_addresses(mod, tmp_path):
    """The answer of a resolver with two addresses that both fail, each its
    own way: a closed TCP port (ECONNREFUSED), then a Unix path that does not
    exist (ENOENT)."""
    entries = [(mod.AF_INET, mod.SOCK_STREAM, 6, "", ("127.0.0.1", closed_port(std)))]
    if hasattr(mod, "AF_UNIX"):
        entries.append((mod.AF_UNIX, mod.SOCK_STREAM, 0, "", unix_path(tmp_path, "absent.sock")))
    return entries


def _connect_outcome(mod, monkeypatch, entries, **kwargs):
    with monkeypatch.context() as patch:
        patch.setattr(mod, "getaddrinfo", _fake_resolver(entries))
        try:
            with mod.create_connection(("127.0.0.1", 80), timeout=TIMEOUT, **kwargs) as s:
                return "connected", s.getpeername()
        except ExceptionGroup as group:
            return "group", [(type(e), e.errno) for e in group.exceptions]
        except OSError as e:
            return "error", (type(e), e.errno)


@pytest.mark.skipif(not hasattr(std, "AF_UNIX") or not IS_LINUX, reason="needs AF_UNIX paths")
def test_create_connection_raises_the_last_error(both, monkeypatch, tmp_path):
    outcomes = [_connect_outcome(mod, monkeypatch, _several_addresses(mod, tmp_path)) for mod in both]
    assert outcomes[0] == outcomes[1]
    assert outcomes[1] == ("error", (FileNotFoundError, errno.ENOENT))


@pytest.mark.skipif(not hasattr(std, "AF_UNIX") or not IS_LINUX, reason="needs AF_UNIX paths")
def test_create_connection_all_errors_in_order(both, monkeypatch, tmp_path):
    outcomes = [_connect_outcome(mod, monkeypatch, _several_addresses(mod, tmp_path), all_errors=True)
                for mod in both]
    assert outcomes[0] == outcomes[1]
    assert outcomes[1] == ("group", [(ConnectionRefusedError, errno.ECONNREFUSED),
                                     (FileNotFoundError, errno.ENOENT)])


def test_create_connection_falls_back_to_a_later_address(both, monkeypatch):
    outcomes = []
    with std.create_server(("127.0.0.1", 0)) as server:
        good = server.getsockname()
        for mod in both:
            entries = [(mod.AF_INET, mod.SOCK_STREAM, 6, "", ("127.0.0.1", closed_port(std))),
                       (mod.AF_INET, mod.SOCK_STREAM, 6, "", good)]
            outcomes.append(_connect_outcome(mod, monkeypatch, entries))
            server.accept()[0].close()
    assert outcomes[0] == outcomes[1] == ("connected", good)


# -- connections between the two modules ------------------------------------------------

FAMILIES = [("AF_INET", "127.0.0.1")] + ([("AF_INET6", "::1")] if HAS_IPV6 else [])


@pytest.mark.parametrize("family,host", FAMILIES)
@pytest.mark.parametrize("server_side", ["stdlib-server", "pysock-server"])
def test_tcp_addresses_seen_from_the_other_module(both, family, host, server_side):
    """One end from each module: what pysock reports of its end is what the
    stdlib reports as the peer, and the other way round."""
    stdlib, pysock = both
    server_mod, client_mod = (stdlib, pysock) if server_side == "stdlib-server" else (pysock, stdlib)
    with server_mod.socket(getattr(server_mod, family)) as lst:
        lst.bind((host, 0))
        lst.listen()
        lst.settimeout(TIMEOUT)
        with client_mod.socket(getattr(client_mod, family)) as cli:
            cli.settimeout(TIMEOUT)
            cli.connect(lst.getsockname())
            srv, addr = lst.accept()
            with srv:
                assert cli.getpeername() == lst.getsockname() == srv.getsockname()
                assert srv.getpeername() == cli.getsockname() == addr
                cli.sendall(b"across")
                assert srv.recv(16) == b"across"


@pytest.mark.parametrize("family,host", FAMILIES)
def test_udp_addresses_seen_from_the_other_module(both, family, host):
    stdlib, pysock = both
    for tx_mod, rx_mod in ((stdlib, pysock), (pysock, stdlib)):
        with tx_mod.socket(getattr(tx_mod, family), tx_mod.SOCK_DGRAM) as tx, \
                rx_mod.socket(getattr(rx_mod, family), rx_mod.SOCK_DGRAM) as rx:
            rx.bind((host, 0))
            rx.settimeout(TIMEOUT)
            tx.bind((host, 0))
            tx.sendto(b"dgram", rx.getsockname())
            data, addr = rx.recvfrom(16)
            assert (data, addr) == (b"dgram", tx.getsockname())
