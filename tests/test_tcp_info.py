"""socket.tcp_info(), pysock's own extension (README, "TCP information").

The oracle on Linux is the kernel's own bytes: the stdlib's raw
getsockopt(IPPROTO_TCP, TCP_INFO) on the same connection, decoded here
with `struct` from the UAPI header's declaration, independently of the
backend's tables. Everywhere: the shared fields of a loopback connection,
a listener's state, the record's immutability, the stdlib's error for a
socket that is not TCP or closed, and a shorter kernel length (injected by
the fault backend) respected field by field.

Wine 8 does not implement SIO_TCP_INFO: WSAIoctl fails with
WSAEOPNOTSUPP (10045) whatever the socket, and tcp_info() raises that
(test_wine_answer); the tests that need real information skip there.
"""
import os
import socket as std
import struct

import pytest

from sockutil import IS_LINUX, IS_WINDOWS, UNDER_WINE, TIMEOUT, linux_only, recv_exactly, tcp_connection

pytestmark = pytest.mark.pysock_only

# What Wine 8's WSAIoctl answers for SIO_TCP_INFO (it has no such control).
WINE_ERROR = 10045  # WSAEOPNOTSUPP

needs_tcp_info = pytest.mark.skipif(UNDER_WINE, reason="Wine 8 has no SIO_TCP_INFO (test_wine_answer)")


@pytest.fixture
def conn(pysock, socks):
    """(listener, client, server side) of a loopback TCP connection."""
    return tcp_connection(pysock, track=socks)


def exchange(client, server, size):
    client.sendall(b"c" * size)
    recv_exactly(server, size)
    server.sendall(b"s" * size)
    recv_exactly(client, size)


# -- Linux: the kernel's own bytes as the oracle -----------------------------

# struct tcp_info of <linux/tcp.h>, member by member: (name, struct code),
# the bitfields as the bytes that hold them.
LINUX_MEMBERS = [(n, "B") for n in (
    "tcpi_state", "tcpi_ca_state", "tcpi_retransmits", "tcpi_probes", "tcpi_backoff",
    "tcpi_options", "wscale_byte", "byte7")] + [(n, "I") for n in (
    "tcpi_rto", "tcpi_ato", "tcpi_snd_mss", "tcpi_rcv_mss", "tcpi_unacked", "tcpi_sacked",
    "tcpi_lost", "tcpi_retrans", "tcpi_fackets", "tcpi_last_data_sent", "tcpi_last_ack_sent",
    "tcpi_last_data_recv", "tcpi_last_ack_recv", "tcpi_pmtu", "tcpi_rcv_ssthresh", "tcpi_rtt",
    "tcpi_rttvar", "tcpi_snd_ssthresh", "tcpi_snd_cwnd", "tcpi_advmss", "tcpi_reordering",
    "tcpi_rcv_rtt", "tcpi_rcv_space", "tcpi_total_retrans")] + [
    ("tcpi_pacing_rate", "Q"), ("tcpi_max_pacing_rate", "Q"), ("tcpi_bytes_acked", "Q"),
    ("tcpi_bytes_received", "Q"), ("tcpi_segs_out", "I"), ("tcpi_segs_in", "I"),
    ("tcpi_notsent_bytes", "I"), ("tcpi_min_rtt", "I"), ("tcpi_data_segs_in", "I"),
    ("tcpi_data_segs_out", "I"), ("tcpi_delivery_rate", "Q"), ("tcpi_busy_time", "Q"),
    ("tcpi_rwnd_limited", "Q"), ("tcpi_sndbuf_limited", "Q"), ("tcpi_delivered", "I"),
    ("tcpi_delivered_ce", "I"), ("tcpi_bytes_sent", "Q"), ("tcpi_bytes_retrans", "Q"),
    ("tcpi_dsack_dups", "I"), ("tcpi_reord_seen", "I"), ("tcpi_rcv_ooopack", "I"),
    ("tcpi_snd_wnd", "I"), ("tcpi_rcv_wnd", "I"), ("tcpi_rehash", "I"), ("tcpi_total_rto", "H"),
    ("tcpi_total_rto_recoveries", "H"), ("tcpi_total_rto_time", "I"), ("tcpi_received_ce", "I"),
    ("tcpi_delivered_e1_bytes", "I"), ("tcpi_delivered_e0_bytes", "I"),
    ("tcpi_delivered_ce_bytes", "I"), ("tcpi_received_e1_bytes", "I"),
    ("tcpi_received_e0_bytes", "I"), ("tcpi_received_ce_bytes", "I"), ("ecn_word", "I"),
]
# The bitfields: (member, holder, shift, width).
LINUX_BITFIELDS = [
    ("tcpi_snd_wscale", "wscale_byte", 0, 4), ("tcpi_rcv_wscale", "wscale_byte", 4, 4),
    ("tcpi_delivery_rate_app_limited", "byte7", 0, 1), ("tcpi_fastopen_client_fail", "byte7", 1, 2),
    ("tcpi_ecn_mode", "ecn_word", 0, 2), ("tcpi_accecn_opt_seen", "ecn_word", 2, 2),
    ("tcpi_accecn_fail_mode", "ecn_word", 4, 4), ("tcpi_options2", "ecn_word", 8, 24),
]


def decode_linux(raw):
    """{member: value} of the members wholly within `raw`, and the names of
    those past its end."""
    values, missing, offset = {}, [], 0
    for name, code in LINUX_MEMBERS:
        size = struct.calcsize(code)
        offset = (offset + size - 1) // size * size  # natural alignment
        if offset + size <= len(raw):
            values[name] = struct.unpack_from("=" + code, raw, offset)[0]
        else:
            missing.append(name)
        offset += size
    assert offset == 280  # the header's sizeof
    for name, holder, shift, width in LINUX_BITFIELDS:
        if holder in values:
            values[name] = values[holder] >> shift & ((1 << width) - 1)
        else:
            missing.append(name)
    for holder in ("wscale_byte", "byte7", "ecn_word"):
        values.pop(holder, None)
        if holder in missing:
            missing.remove(holder)
    return values, missing


def kernel_bytes(sock):
    """The stdlib's raw TCP_INFO of the same connection."""
    with std.fromfd(sock.fileno(), std.AF_INET, std.SOCK_STREAM) as twin:
        return twin.getsockopt(std.IPPROTO_TCP, std.TCP_INFO, 512)


@linux_only
def test_every_field_agrees_with_the_kernels_bytes(pysock, socks):
    # A small receive buffer gives this side a window scale of its own, so
    # the two 4-bit fields of one byte differ and a swap would show.
    client = socks.add(pysock.socket())
    client.setsockopt(pysock.SOL_SOCKET, pysock.SO_RCVBUF, 4096)
    listener = socks.add(pysock.create_server(("127.0.0.1", 0)))
    client.settimeout(TIMEOUT)
    client.connect(listener.getsockname())
    server, _ = listener.accept()
    socks.add(server)
    exchange(client, server, 3000)
    before, missing = decode_linux(kernel_bytes(client))
    info = client.tcp_info()
    after, _ = decode_linux(kernel_bytes(client))
    # What did not change around the call (the clocks and rates may) must
    # be what pysock read.
    stable = [name for name in before if before[name] == after[name]]
    assert len(before) >= 40 and len(stable) >= len(before) - 15
    for name in stable:
        assert getattr(info, name) == before[name], name
    # Fields an older kernel does not fill in are absent, never garbage.
    for name in missing:
        assert getattr(info, name) is None, name
    assert info.tcpi_snd_wscale != info.tcpi_rcv_wscale
    assert info.state == before["tcpi_state"] == pysock.TcpState.ESTABLISHED
    assert info.snd_mss == info.tcpi_snd_mss and info.rcv_mss == info.tcpi_rcv_mss
    assert info.snd_cwnd == info.tcpi_snd_cwnd * info.tcpi_snd_mss


@linux_only
def test_listener_state_is_the_kernels(pysock, conn):
    listener, _, _ = conn
    info = listener.tcp_info()
    assert info.state == info.tcpi_state == kernel_bytes(listener)[0] == pysock.TcpState.LISTEN


# -- every platform ------------------------------------------------------------

@needs_tcp_info
def test_established_connection(pysock, conn):
    _, client, server = conn
    info = client.tcp_info()
    assert isinstance(info, pysock.TcpInfo)
    assert info.state is pysock.TcpState.ESTABLISHED
    assert info.state_name == "ESTABLISHED"
    assert info.snd_mss > 0
    assert info.rtt_us >= 0
    assert server.tcp_info().state is pysock.TcpState.ESTABLISHED


@needs_tcp_info
def test_byte_counters_grow_by_what_was_sent(pysock, conn):
    _, client, server = conn
    first_client, first_server = client.tcp_info(), server.tcp_info()
    size = 200_000
    exchange(client, server, size)
    later_client, later_server = client.tcp_info(), server.tcp_info()
    checked = 0
    for first, later in ((first_client, later_client), (first_server, later_server)):
        # A platform that keeps no such counter reports None (FreeBSD, and
        # Windows and macOS for bytes_acked).
        if later.bytes_acked is not None:
            assert later.bytes_acked - first.bytes_acked >= size
            checked += 1
        if later.bytes_received is not None:
            assert later.bytes_received - first.bytes_received >= size
            checked += 1
    if IS_LINUX:
        assert checked == 4


@needs_tcp_info
def test_listener_is_listen(pysock, conn):
    listener, _, _ = conn
    info = listener.tcp_info()
    assert info.state is pysock.TcpState.LISTEN
    assert info.state_name == "LISTEN"


@needs_tcp_info
def test_the_record_is_read_only(pysock, conn):
    _, client, _ = conn
    info = client.tcp_info()
    platform_field = pysock._core._tcp_info_layout()[0][0][0]
    for name in ("rtt_us", "state", platform_field):
        with pytest.raises(AttributeError):
            setattr(info, name, 1)
        with pytest.raises(AttributeError):
            delattr(info, name)
    with pytest.raises(AttributeError):
        info.not_a_field = 1


def test_the_record_has_the_shared_fields_first(pysock):
    names = list(pysock.TcpInfo.__dataclass_fields__)
    assert names[:9] == ["state", "rtt_us", "rttvar_us", "retransmits", "snd_cwnd",
                         "snd_mss", "rcv_mss", "bytes_acked", "bytes_received"]
    # Then the platform's own, under its header's names.
    layout, common, states = pysock._core._tcp_info_layout()
    assert names[9:] == [field[0] for field in layout]
    assert {name for name, *_ in common} <= set(names[:9])
    assert set(states) <= {m.name for m in pysock.TcpState}


def stdlib_tcp_info_error(sock):
    """The OSError the stdlib's raw TCP_INFO gives on `sock` (None where the
    stdlib has no TCP_INFO: Windows)."""
    if not hasattr(std, "TCP_INFO"):
        return None
    with pytest.raises(OSError) as caught:
        sock.getsockopt(std.IPPROTO_TCP, std.TCP_INFO, 256)
    return caught.value


@pytest.mark.parametrize("kind", ["udp", "unix"])
def test_a_socket_that_is_not_tcp(pysock, socks, kind):
    if kind == "unix" and (IS_WINDOWS or not hasattr(std, "AF_UNIX")):
        pytest.skip("no AF_UNIX stream sockets here in the stdlib")
    family = std.AF_INET if kind == "udp" else std.AF_UNIX
    sock_type = std.SOCK_DGRAM if kind == "udp" else std.SOCK_STREAM
    theirs = socks.add(std.socket(family, sock_type))
    ours = socks.add(pysock.socket(family, sock_type))
    with pytest.raises(OSError) as caught:
        ours.tcp_info()
    expected = stdlib_tcp_info_error(theirs)
    if expected is not None:
        assert type(caught.value) is type(expected)
        assert caught.value.errno == expected.errno
        assert caught.value.strerror == expected.strerror
    elif UNDER_WINE:
        assert caught.value.winerror == WINE_ERROR


def test_a_closed_socket(pysock):
    ours = pysock.socket()
    ours.close()
    theirs = std.socket()
    theirs.close()
    with pytest.raises(OSError) as caught:
        ours.tcp_info()
    if UNDER_WINE:
        # Wine refuses the control before it looks at the socket.
        assert caught.value.winerror == WINE_ERROR
        return
    # As the stdlib's other calls on a closed socket (EBADF; WSAENOTSOCK).
    with pytest.raises(OSError) as expected:
        theirs.getsockopt(std.SOL_SOCKET, std.SO_TYPE)
    assert caught.value.errno == expected.value.errno
    assert getattr(caught.value, "winerror", None) == getattr(expected.value, "winerror", None)


@pytest.mark.skipif(not UNDER_WINE, reason="documents Wine's answer")
def test_wine_answer(pysock, conn):
    _, client, _ = conn
    with pytest.raises(OSError) as caught:
        client.tcp_info()
    assert caught.value.winerror == WINE_ERROR


# -- a shorter struct than the header's (the fault backend) --------------------

def scenario_cut(mod, faults, length):
    """tcp_info() of a loopback connection whose reported length is cut to
    `length` bytes: [present field names, absent ones, shared fields]."""
    listener, client, server = tcp_connection(mod)
    with listener, client, server:
        exchange(client, server, 1000)
        if length is not None:
            faults.set(f"tcp_info@{client.fileno()}=length:{length}")
        info = client.tcp_info()
        injected = faults.injected()
        layout = mod._core._tcp_info_layout()[0]
        present = [f[0] for f in layout if getattr(info, f[0]) is not None]
        absent = [f[0] for f in layout if getattr(info, f[0]) is None]
        shared = {n: getattr(info, n) for n in ("state", "rtt_us", "snd_mss", "bytes_acked")}
        shared["state"] = None if shared["state"] is None else int(shared["state"])
        return [present, absent, shared, injected]


@needs_tcp_info
@pytest.mark.parametrize("length", [0, 1, 8, 104, 120, 127, 128])
def test_a_shorter_kernel_length_is_respected(pysock, fault_worker, length):
    layout = pysock._core._tcp_info_layout()[0]
    full_present, _, _, _ = fault_worker.run(scenario_cut, None)
    present, absent, shared, injected = fault_worker.run(scenario_cut, length)
    assert injected == 1
    within = {name for name, offset, size, *_ in layout if offset + size <= length}
    # Exactly the fields wholly within the length (of those the OS fills at
    # all) are there; every other one is None, though its bytes are the OS's.
    assert set(present) == within & set(full_present)
    assert set(absent) >= {name for name, *_ in layout} - within
    if length == 0:
        assert shared == {"state": None, "rtt_us": None, "snd_mss": None, "bytes_acked": None}
    if IS_LINUX:
        # The state is byte 0, rtt at 68..72, bytes_acked at 120..128.
        assert (shared["state"] is not None) == (length >= 1)
        assert (shared["rtt_us"] is not None) == (length >= 72)
        assert (shared["bytes_acked"] is not None) == (length >= 128)
