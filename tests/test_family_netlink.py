"""AF_NETLINK on the real kernel: a NETLINK_ROUTE link dump through pysock
finds the same interfaces as through the stdlib (and "lo"); addresses of
bound sockets and of kernel replies have the stdlib's (pid, groups) form."""
import os
import random
import socket as std
import struct

import pytest

from familyutil import family_socket_or_skip

# The protocol numbers below are the stdlib's: without AF_NETLINK it has none.
pytestmark = pytest.mark.skipif(not hasattr(std, "AF_NETLINK"),
                                reason="the stdlib socket module has no AF_NETLINK on this platform")

RTM_NEWLINK, RTM_GETLINK = 16, 18
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
IFLA_IFNAME = 3
NLMSG_HDR = struct.Struct("=IHHII")
IFINFOMSG = struct.Struct("=BxHiII")
RTATTR = struct.Struct("=HH")


def _align(n):
    return (n + 3) & ~3


def link_dump(mod):
    """Interface names from an RTM_GETLINK dump, and the reply addresses."""
    s = family_socket_or_skip(mod, "AF_NETLINK", "SOCK_RAW", std.NETLINK_ROUTE)
    with s:
        s.bind((0, 0))
        body = IFINFOMSG.pack(std.AF_UNSPEC, 0, 0, 0, 0)
        request = NLMSG_HDR.pack(NLMSG_HDR.size + len(body), RTM_GETLINK,
                                 NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + body
        s.sendto(request, (0, 0))
        names, senders = [], set()
        while True:
            data, sender = s.recvfrom(65536)
            senders.add(sender)
            offset = 0
            while offset + NLMSG_HDR.size <= len(data):
                length, msg_type, _flags, _seq, _pid = NLMSG_HDR.unpack_from(data, offset)
                if msg_type == NLMSG_DONE:
                    return names, senders
                if msg_type == NLMSG_ERROR:
                    (code,) = struct.unpack_from("=i", data, offset + NLMSG_HDR.size)
                    raise OSError(-code, os.strerror(-code))
                if msg_type == RTM_NEWLINK:
                    names.append(_ifname(data[offset + NLMSG_HDR.size + IFINFOMSG.size:offset + length]))
                offset += _align(length)


def _ifname(attrs):
    offset = 0
    while offset + RTATTR.size <= len(attrs):
        length, kind = RTATTR.unpack_from(attrs, offset)
        if kind == IFLA_IFNAME:
            return attrs[offset + RTATTR.size:offset + length].rstrip(b"\0").decode()
        offset += _align(length)
    return None


def test_route_link_dump_finds_lo(pysock):
    names, senders = link_dump(pysock)
    assert "lo" in names
    std_names, std_senders = link_dump(std)
    assert sorted(names) == sorted(std_names)
    # Replies come from the kernel: (pid 0, groups 0), the stdlib's shape.
    assert senders == std_senders == {(0, 0)}
    assert all(type(v) is int for v in senders.pop())


def test_getsockname_unbound_and_autobound(mod):
    s = family_socket_or_skip(mod, "AF_NETLINK", "SOCK_RAW", std.NETLINK_ROUTE)
    with s:
        assert s.getsockname() == (0, 0)
        s.bind((0, 0))
        pid, groups = s.getsockname()
        assert pid != 0 and groups == 0


def test_bind_explicit_pid_and_groups_like_stdlib(pysock):
    RTMGRP_LINK = 1
    results = []
    for mod in (std, pysock):
        s = family_socket_or_skip(mod, "AF_NETLINK", "SOCK_RAW", std.NETLINK_ROUTE)
        with s:
            # A port id no one else uses (the kernel refuses duplicates).
            for _ in range(20):
                pid = random.randrange(0x40000000, 0x7fffffff)
                try:
                    s.bind((pid, RTMGRP_LINK))
                    break
                except OSError:
                    continue
            results.append(s.getsockname()[1])
            assert s.getsockname() == (pid, RTMGRP_LINK)
    assert results[0] == results[1]


def test_bind_same_pid_twice_same_error(pysock):
    outcomes = []
    for mod in (std, pysock):
        a = family_socket_or_skip(mod, "AF_NETLINK", "SOCK_RAW", std.NETLINK_ROUTE)
        b = mod.socket(mod.AF_NETLINK, mod.SOCK_RAW, mod.NETLINK_ROUTE)
        with a, b:
            a.bind((0, 0))
            with pytest.raises(OSError) as info:
                b.bind((a.getsockname()[0], 0))
            outcomes.append((type(info.value), info.value.errno))
    assert outcomes[0] == outcomes[1]
