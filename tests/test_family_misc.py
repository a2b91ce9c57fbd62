"""The smaller Linux families and protocols: AF_VSOCK (address conversion
and socket creation only: on this kind of machine vsock is the host's own
control channel, so nothing here connects, binds or sends), AF_TIPC,
AF_QIPCRTR, AF_RDS, IPPROTO_UDPLITE with its checksum-coverage options, and
IPPROTO_MPTCP, compared with the stdlib on the real kernel."""
import socket as std

import pytest

from familyutil import family_socket_or_skip


def creation(mod, family, kind, proto=0):
    try:
        s = mod.socket(getattr(mod, family), getattr(mod, kind), proto)
    except OSError as e:
        return ("error", type(e).__name__, e.errno)
    with s:
        return ("ok", int(s.family), int(s.type), s.proto)


@pytest.mark.parametrize("family,kind", [
    ("AF_VSOCK", "SOCK_STREAM"), ("AF_VSOCK", "SOCK_DGRAM"), ("AF_VSOCK", "SOCK_SEQPACKET"),
    ("AF_TIPC", "SOCK_RDM"), ("AF_TIPC", "SOCK_STREAM"), ("AF_QIPCRTR", "SOCK_DGRAM"),
    ("AF_RDS", "SOCK_SEQPACKET"), ("AF_NETLINK", "SOCK_DGRAM"), ("AF_PACKET", "SOCK_RAW"),
])
def test_creation_like_stdlib(pysock, family, kind):
    if not hasattr(std, family):
        pytest.skip("the stdlib has no %s here" % family)
    assert creation(pysock, family, kind) == creation(std, family, kind)


def test_vsock_unbound_name_like_stdlib(pysock):
    names = []
    for mod in (std, pysock):
        with family_socket_or_skip(mod, "AF_VSOCK", "SOCK_STREAM") as s:
            names.append(s.getsockname())
    assert names[0] == names[1] == (std.VMADDR_CID_ANY, std.VMADDR_PORT_ANY)


def test_tipc_bind_name_round_trip(pysock):
    results = []
    for mod in (std, pysock):
        with family_socket_or_skip(mod, "AF_TIPC", "SOCK_RDM") as s:
            s.bind((mod.TIPC_ADDR_NAMESEQ, 18888, 1, 5, mod.TIPC_NODE_SCOPE))
            results.append(s.getsockname())
    assert results[0][0] == results[1][0] == std.TIPC_ADDR_ID


def test_qipcrtr_bind_round_trip(pysock):
    results = []
    for mod in (std, pysock):
        with family_socket_or_skip(mod, "AF_QIPCRTR", "SOCK_DGRAM") as s:
            node = s.getsockname()[0]
            s.bind((node, 0))
            results.append(type(s.getsockname()))
    assert results[0] == results[1] == tuple


# -- UDP-Lite ------------------------------------------------------------------

def udplite(mod, family_name):
    if not hasattr(std, "IPPROTO_UDPLITE"):
        pytest.skip("the stdlib socket module has no IPPROTO_UDPLITE on this platform")
    return family_socket_or_skip(mod, family_name, "SOCK_DGRAM", std.IPPROTO_UDPLITE)


@pytest.mark.parametrize("family_name,host", [("AF_INET", "127.0.0.1"), ("AF_INET6", "::1")])
def test_udplite_coverage_options_and_traffic(mod, family_name, host):
    rx = udplite(mod, family_name)
    tx = udplite(mod, family_name)
    with rx, tx:
        assert rx.proto == mod.IPPROTO_UDPLITE
        try:
            rx.bind((host, 0))
        except OSError as e:
            pytest.skip("cannot bind %s on %s: %s" % (family_name, host, e))
        tx.setsockopt(mod.IPPROTO_UDPLITE, mod.UDPLITE_SEND_CSCOV, 16)
        rx.setsockopt(mod.IPPROTO_UDPLITE, mod.UDPLITE_RECV_CSCOV, 16)
        assert tx.getsockopt(mod.IPPROTO_UDPLITE, mod.UDPLITE_SEND_CSCOV) == 16
        assert rx.getsockopt(mod.IPPROTO_UDPLITE, mod.UDPLITE_RECV_CSCOV) == 16
        rx.settimeout(5)
        tx.sendto(b"lite" * 10, rx.getsockname())
        data, sender = rx.recvfrom(100)
        assert data == b"lite" * 10
        assert sender[0] == host and sender[1] == tx.getsockname()[1]


# -- MPTCP -----------------------------------------------------------------------

def test_mptcp_loopback_connection(mod):
    if not hasattr(std, "IPPROTO_MPTCP"):
        pytest.skip("the stdlib has no IPPROTO_MPTCP here")
    server = family_socket_or_skip(mod, "AF_INET", "SOCK_STREAM", std.IPPROTO_MPTCP)
    with server:
        assert server.proto == mod.IPPROTO_MPTCP
        server.bind(("127.0.0.1", 0))
        server.listen()
        client = mod.socket(mod.AF_INET, mod.SOCK_STREAM, mod.IPPROTO_MPTCP)
        with client:
            client.settimeout(5)
            client.connect(server.getsockname())
            conn, peer = server.accept()
            with conn:
                assert peer == client.getsockname()
                client.sendall(b"multipath")
                conn.settimeout(5)
                assert conn.recv(100) == b"multipath"
                assert conn.proto == mod.IPPROTO_MPTCP
