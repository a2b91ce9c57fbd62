"""AF_PACKET on the real kernel, loopback only: frames captured on "lo"
through pysock carry the same address tuples as through the stdlib, and
sendto with a full AF_PACKET address delivers a frame."""
import os
import socket as std
import time

import pytest

from familyutil import family_socket_or_skip

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
ETH_P_LOCAL_EXPERIMENTAL = 0x88B5  # IEEE 802 local experimental EtherType
PACKET_HOST, PACKET_OUTGOING = 0, 4


def capture_socket(mod, proto):
    s = family_socket_or_skip(mod, "AF_PACKET", "SOCK_DGRAM", std.htons(proto))
    s.settimeout(5.0)
    # Room for a burst of other loopback traffic before our frames.
    s.setsockopt(mod.SOL_SOCKET, mod.SO_RCVBUF, 4 << 20)
    s.bind(("lo", proto))
    return s


def collect(sock, marker, want):
    """Addresses of the `want` frames that carry `marker`; other loopback
    traffic (any amount of it) is skipped. Fails, rather than returning fewer,
    when they do not all come within the time allowed."""
    seen = []
    deadline = time.monotonic() + 10.0
    while len(seen) < want and time.monotonic() < deadline:
        try:
            data, address = sock.recvfrom(65536)
        except TimeoutError:
            break
        if marker in data:
            seen.append(address)
    assert len(seen) == want, f"captured {len(seen)} of the {want} frames carrying the marker"
    return seen


def test_capture_udp_on_lo_like_stdlib(pysock):
    # ETH_P_ALL: such sockets see outgoing frames too, not only incoming.
    cap_std = capture_socket(std, ETH_P_ALL)
    cap_py = capture_socket(pysock, ETH_P_ALL)
    rx = std.socket(std.AF_INET, std.SOCK_DGRAM)
    tx = std.socket(std.AF_INET, std.SOCK_DGRAM)
    with cap_std, cap_py, rx, tx:
        rx.bind(("127.0.0.1", 0))
        marker = b"pysock-packet-" + os.urandom(8).hex().encode()
        tx.sendto(marker, rx.getsockname())
        # Each frame shows up twice on lo: outgoing, then incoming.
        got = collect(cap_py, marker, 2)
        expected = collect(cap_std, marker, 2)
        assert got == expected
        assert {a[2] for a in got} == {PACKET_HOST, PACKET_OUTGOING}
        for address in got:
            assert address[:2] == ("lo", ETH_P_IP)
            assert [type(v) for v in address] == [str, int, int, int, bytes]


def test_getsockname_like_stdlib(pysock):
    names = []
    for mod in (std, pysock):
        s = family_socket_or_skip(mod, "AF_PACKET", "SOCK_RAW", std.htons(ETH_P_LOCAL_EXPERIMENTAL))
        with s:
            unbound = s.getsockname()
            s.bind(("lo", ETH_P_LOCAL_EXPERIMENTAL))
            names.append((unbound, s.getsockname()))
    assert names[0] == names[1]
    # Protocols from 0x8000 up come back positive, as in the stdlib.
    assert names[1][1][1] == ETH_P_LOCAL_EXPERIMENTAL


@pytest.mark.parametrize("sender_name", ["socket", "pysock"])
def test_sendto_full_address_delivers(pysock, sender_name):
    sender_mod = std if sender_name == "socket" else pysock
    cap = capture_socket(pysock, ETH_P_LOCAL_EXPERIMENTAL)
    tx = family_socket_or_skip(sender_mod, "AF_PACKET", "SOCK_DGRAM", 0)
    with cap, tx:
        marker = b"pysock-frame-" + os.urandom(8).hex().encode()
        # (ifname, proto, pkttype, hatype, hardware address): lo's address is zeros.
        sent = tx.sendto(marker, ("lo", ETH_P_LOCAL_EXPERIMENTAL, PACKET_HOST, 0, b"\0" * 6))
        assert sent == len(marker)
        address = collect(cap, marker, 1)[0]
        assert address[:2] == ("lo", ETH_P_LOCAL_EXPERIMENTAL)
        assert address[4] == b"\0" * 6


def test_unknown_interface_same_error(pysock):
    errs = []
    for mod in (std, pysock):
        s = family_socket_or_skip(mod, "AF_PACKET", "SOCK_DGRAM", 0)
        with s, pytest.raises(OSError) as info:
            s.bind(("pysock-none0", ETH_P_IP))
        errs.append((type(info.value), info.value.errno, str(info.value)))
    assert errs[0] == errs[1]


@pytest.mark.parametrize("address", [("pysock-none0", 0, 0, 0, b"123456789"), ("pysock-none0", 70000),
                                     ("lo", 0, 0, 0, b"123456789"), ("lo", 70000)],
                         ids=["unknown-long-hw", "unknown-big-proto", "lo-long-hw", "lo-big-proto"])
@pytest.mark.parametrize("method", ["bind", "sendto"])
def test_unknown_interface_wins_over_bad_fields(pysock, address, method):
    """On a real AF_PACKET socket: an unknown interface is reported before an
    over-long hardware address or a protocol past 16 bits (the stdlib looks the
    interface up first); a known one gets the field's own error."""
    res = []
    for mod in (std, pysock):
        s = family_socket_or_skip(mod, "AF_PACKET", "SOCK_DGRAM", 0)
        with s:
            try:
                s.bind(address) if method == "bind" else s.sendto(b"x", address)
                res.append("ok")
            except Exception as e:  # noqa: BLE001 - compared
                res.append((type(e).__name__, getattr(e, "errno", None), str(e)))
    assert res[0] != "ok"
    assert res[0] == res[1]
