"""Socket addresses the binding refuses or fills in itself, before the
backend sees them, compared with the stdlib: AF_UNIX names longer than the
neutral address can hold, the IPv4 broadcast names on an AF_INET6 socket,
flowinfo and scope_id of the wrong type, and the zeros an IPv6 2-tuple
stands for (observable where the kernel reads them: a sent flow label, a
link-local destination's interface)."""

import errno

import pytest

from sockutil import HAS_UNIX, IS_LINUX, TIMEOUT, ipv6_only, linux_only, outcome, unix_only


def describe(fn, *args):
    """outcome() with the exception's text: the binding writes its own."""
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001 - the exception is the result
        return ("raise", type(e).__name__, str(e), getattr(e, "errno", None))


# -- AF_UNIX: past the 512 bytes of the neutral address -------------------------------

LONG_PATHS = [
    "/" + "x" * 512,                 # 513 bytes: one past what the binding can carry
    "/" + "y" * 4000,
    b"/" + b"z" * 700,
    bytearray(b"/" + b"w" * 600),
]


@unix_only
@pytest.mark.parametrize("path", LONG_PATHS, ids=["str-513", "str-4001", "bytes-701", "bytearray-601"])
@pytest.mark.parametrize("method", ["bind", "connect"])
def test_unix_path_past_the_neutral_address_differential(both, path, method):
    res = []
    for m in both:
        with m.socket(m.AF_UNIX, m.SOCK_STREAM) as s:
            res.append(describe(getattr(s, method), path))
    assert res[0][:2] == ("raise", "OSError")
    assert res[0] == res[1]


@unix_only
def test_unix_sendto_past_the_neutral_address_differential(both):
    res = []
    for m in both:
        with m.socket(m.AF_UNIX, m.SOCK_DGRAM) as s:
            res.append(describe(s.sendto, b"x", "/" + "v" * 1000))
    assert res[0][:2] == ("raise", "OSError")
    assert res[0] == res[1]


@linux_only
@pytest.mark.skipif(not HAS_UNIX, reason="AF_UNIX not available")
def test_unix_abstract_name_past_the_neutral_address_differential(both):
    res = []
    for m in both:
        with m.socket(m.AF_UNIX, m.SOCK_DGRAM) as s:
            res.append(describe(s.bind, b"\0" + b"a" * 600))
    assert res[0][:2] == ("raise", "OSError")
    assert res[0] == res[1]


# -- the IPv4 broadcast names on an AF_INET6 socket ---------------------------------------

def _inet6_datagram_outcomes(both, method, addr):
    """What bind, connect or sendto (`method`) of addr on an AF_INET6
    datagram socket does, for each module."""
    res = []
    for m in both:
        with m.socket(m.AF_INET6, m.SOCK_DGRAM) as s:
            s.settimeout(TIMEOUT)
            call = (lambda a: s.sendto(b"x", a)) if method == "sendto" else getattr(s, method)
            res.append(describe(call, addr))
    return res

@ipv6_only
@pytest.mark.parametrize("host", ["<broadcast>", "255.255.255.255"])
@pytest.mark.parametrize("method", ["bind", "connect", "sendto"])
def test_broadcast_name_on_inet6_differential(both, host, method):
    res = _inet6_datagram_outcomes(both, method, (host, 9))
    assert res[0] == ("raise", "OSError", "address family mismatched", None)
    assert res[0] == res[1]


# -- flowinfo and scope_id: their types -----------------------------------------------------

BAD_ITEMS = [
    ("::1", 0, "x"),
    ("::1", 0, 1.5),
    ("::1", 0, None),
    ("::1", 0, 0, "x"),
    ("::1", 0, 0, 1.5),
    ("::1", 0, 0, None),
    ("::1", 0, b"1", 0),
]


@ipv6_only
@pytest.mark.parametrize("addr", BAD_ITEMS, ids=["flow-str", "flow-float", "flow-none", "scope-str",
                                                 "scope-float", "scope-none", "flow-bytes-4"])
@pytest.mark.parametrize("method", ["bind", "connect", "sendto"])
def test_flowinfo_scope_id_wrong_type_differential(both, addr, method):
    res = _inet6_datagram_outcomes(both, method, addr)
    assert res[0][:2] == ("raise", "TypeError")
    assert res[0] == res[1]


# -- the zeros of a short tuple ---------------------------------------------------------------

# linux/in6.h: the sockaddr's flow label is sent (and getpeername shows it)
# only with this option set; the stdlib module has no name for it.
IPV6_FLOWINFO_SEND = 33


def _send_flow_labels(m, s):
    """Sets IPV6_FLOWINFO_SEND; skips where the stdlib cannot (qemu-user does
    not pass the option on: ENOPROTOOPT)."""
    try:
        s.setsockopt(m.IPPROTO_IPV6, IPV6_FLOWINFO_SEND, 1)
    except OSError as e:
        if m.__name__ == "socket" and e.errno == errno.ENOPROTOOPT:
            pytest.skip("this kernel (or emulator) does not take IPV6_FLOWINFO_SEND")
        raise


@ipv6_only
@linux_only
@pytest.mark.parametrize("addr_tail", [(), (0,), (0, 0), (7,), (7, 0)],
                         ids=["2-tuple", "3-tuple", "4-tuple", "label-7", "label-7-scope-0"])
def test_flow_label_sent_default_zero_differential(both, addr_tail):
    """With IPV6_FLOWINFO_SEND the kernel takes the destination's flowinfo
    and getpeername reports it: a 2-tuple means flowinfo 0."""
    res = []
    for m in both:
        with m.socket(m.AF_INET6, m.SOCK_DGRAM) as peer, m.socket(m.AF_INET6, m.SOCK_DGRAM) as s:
            peer.bind(("::1", 0))
            _send_flow_labels(m, s)
            r = outcome(s.connect, ("::1", peer.getsockname()[1]) + addr_tail)
            res.append((r, s.getpeername()[2:] if r[0] == "ok" else None))
    assert res[0][0][0] == "ok"
    assert res[0] == res[1]


@ipv6_only
@linux_only
def test_flow_label_sent_stream_default_zero_differential(both):
    res = []
    for m in both:
        with m.socket(m.AF_INET6) as lst, m.socket(m.AF_INET6) as s:
            lst.bind(("::1", 0))
            lst.listen()
            s.settimeout(TIMEOUT)
            _send_flow_labels(m, s)
            s.connect(("::1", lst.getsockname()[1]))
            res.append(s.getpeername()[2:])
    assert res[0] == (0, 0)
    assert res[0] == res[1]


@ipv6_only
@pytest.mark.parametrize("addr", [("fe80::1", 9), ("fe80::1", 9, 0), ("fe80::1", 9, 0, 0),
                                  ("ff02::1", 9), ("ff02::1", 9, 0)],
                         ids=["link-local-2", "link-local-3", "link-local-4", "multicast-2", "multicast-3"])
def test_link_local_without_scope_differential(both, addr):
    """A link-local destination needs an interface: a tuple without
    scope_id names none (scope_id 0), which Linux refuses with EINVAL."""
    res = []
    for m in both:
        with m.socket(m.AF_INET6, m.SOCK_DGRAM) as s:
            res.append(outcome(s.connect, addr))
    if IS_LINUX:
        assert res[0][:3] == ("raise", "OSError", 22)
    assert res[0] == res[1]


# -- AF_PACKET: the edges of proto and of the hardware address ---------------------------

@linux_only
@pytest.mark.parametrize("address", [("lo", 0xFFFF), ("lo", 0x10000), ("lo", 0, 0, 0, b"12345678"),
                                     ("lo", 0, 0, 0, b"123456789"), ("lo", 0xFFFF, 0, 0, b"12345678"),
                                     ("lo", 2 ** 31), ("lo", 0, "host"), ("lo", 0, 0, -2 ** 40)],
                         ids=["proto-65535", "proto-65536", "hw-8", "hw-9", "both-at-the-edge",
                              "proto-past-int", "pkttype-str", "hatype-past-int"])
@pytest.mark.parametrize("method", ["bind", "sendto"])
def test_packet_address_edges_differential(pysock, address, method):
    """On a look-alike socket (familyutil): what parsing leaves to the
    system call fails there the same way for both modules."""
    import socket as std

    from familyutil import attempt

    if not hasattr(std, "AF_PACKET"):
        pytest.skip("the stdlib has no AF_PACKET here")
    res = [attempt(m, m.AF_PACKET, m.SOCK_DGRAM, 0, method, address) for m in (std, pysock)]
    assert res[0] == res[1]


# -- a literal of the other family ------------------------------------------------------------

@ipv6_only
@pytest.mark.parametrize("family,host", [("AF_INET6", "127.0.0.1"), ("AF_INET", "::1"), ("AF_INET6", "1.2.3.4")],
                         ids=["v4-on-inet6", "v6-on-inet", "v4-other-on-inet6"])
@pytest.mark.parametrize("method", ["bind", "connect", "sendto"])
def test_literal_of_the_other_family_differential(both, family, host, method):
    """An address literal of the other family is resolved for the socket's own
    family, which has no such address: the stdlib's gaierror, errno and words."""
    res = []
    for m in both:
        with m.socket(getattr(m, family), m.SOCK_DGRAM) as s:
            call = (lambda a: s.sendto(b"x", a)) if method == "sendto" else getattr(s, method)
            res.append(describe(call, (host, 9)))
    assert res[0][:2] == ("raise", "gaierror")
    assert res[0] == res[1]


# -- AF_NETLINK: a (pid, groups) pair whose field is no int ---------------------------

@linux_only
@pytest.mark.parametrize("address", [(0, "groups"), ("pid", 0), (0, 1.5), (0, None)],
                         ids=["groups-str", "pid-str", "groups-float", "groups-none"])
@pytest.mark.parametrize("method", ["bind", "connect"])
def test_netlink_pair_field_not_an_int_differential(both, address, method):
    """On a real NETLINK_ROUTE socket (which binds and connects without
    privileges): the refusal is the stdlib's, and nothing is done."""
    res = []
    for m in both:
        with m.socket(m.AF_NETLINK, m.SOCK_RAW, 0) as s:
            res.append((outcome(getattr(s, method), address)[:3], s.getsockname()))
    assert res[0][0][0] == "raise"
    assert res[0] == res[1]
