"""Calls refused for their arguments free what they took: a few thousand
rounds of each refusal leave the memory Python allocated (tracemalloc) as it
was, through the stdlib and through pysock alike. Each refusal builds its
message or converts an argument first, so a forgotten release on the error
path (the message object, an argument's buffer or number) grows the traced
memory round after round. (test_success_leaks.py covers the calls that
succeed, test_faults_leaks.py the failures the OS reports.)"""
import gc
import socket
import tracemalloc

import pytest

from sockutil import HAS_UNIX

ROUNDS = 3000
# A leak of one small object (>= 32 bytes) per call shows up as ~100 KB.
SLACK = 48 * 1024


class _Unretrievable:
    """An ancillary item of three elements whose second cannot be fetched."""

    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i == 1:
            raise IndexError(i)
        return 0


def _refusals(mod, sock, udp):
    """(name, call) pairs; each call raises the same exception type for both modules."""
    big = 2 ** 70
    return [
        ("setsockopt count", lambda: sock.setsockopt(mod.SOL_SOCKET)),
        ("setsockopt value", lambda: sock.setsockopt(mod.SOL_SOCKET, mod.SO_REUSEADDR, "x")),
        ("getsockopt buflen", lambda: sock.getsockopt(mod.SOL_SOCKET, mod.SO_LINGER, 5000)),
        ("sendto count", lambda: udp.sendto(b"x")),
        ("sendto address", lambda: udp.sendto(b"x", ("127.0.0.1", "port"))),
        ("sendto port", lambda: udp.sendto(b"x", ("127.0.0.1", 70000))),
        ("send data", lambda: sock.send("text")),
        ("send flags", lambda: sock.send(b"x", big)),
        ("recv size", lambda: sock.recv(-1)),
        ("recv_into size", lambda: sock.recv_into(bytearray(4), 8)),
        ("recv_into buffer", lambda: sock.recv_into(b"read-only")),
        ("bind address", lambda: udp.bind(("127.0.0.1",))),
        ("connect host", lambda: sock.connect((b"\0bad", 80))),
        ("settimeout", lambda: sock.settimeout(-1.0)),
        ("shutdown how", lambda: sock.shutdown(big)),
        ("socket family", lambda: mod.socket(big)),
        ("inet_pton", lambda: mod.inet_pton(mod.AF_INET6, "1:::2")),
        ("inet_ntop", lambda: mod.inet_ntop(mod.AF_INET, b"\0" * 5)),
        ("inet_aton", lambda: mod.inet_aton("300.1.2.3")),
        ("inet_aton None", lambda: mod.inet_aton(None)),
        ("gethostbyname None", lambda: mod.gethostbyname(None)),
        ("recv_into None", lambda: sock.recv_into(None)),
        ("htons", lambda: mod.htons(big)),
        ("htons count", lambda: mod.htons(1, 2)),
        ("ntohs count", lambda: mod.ntohs()),
        ("if_nametoindex count", lambda: mod.if_nametoindex("lo", 2)),
        ("htonl", lambda: mod.htonl(-1)),
        ("getaddrinfo port", lambda: mod.getaddrinfo("127.0.0.1", 1.5)),
        ("getnameinfo", lambda: mod.getnameinfo(("127.0.0.1",), 0)),
        ("sendmsg item", lambda: udp.sendmsg([b"x"], [(0, 0)])),
        ("sendmsg item not retrievable", lambda: udp.sendmsg([b"x"], [_Unretrievable()])),
        ("recvmsg size", lambda: udp.recvmsg(-1)),
    ] + ([("unix path", lambda: mod.socket(mod.AF_UNIX).bind(b"x" * 200))] if HAS_UNIX else [])


def _outcome(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the exception type is the outcome
        return type(e).__name__
    return "no error"


def test_the_refusals_are_the_stdlibs(both):
    """The scenarios below are refusals for both modules, of the same type."""
    outcomes = []
    for mod in both:
        with mod.socket() as sock, mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as udp:
            outcomes.append([(name, _outcome(call)) for name, call in _refusals(mod, sock, udp)])
    assert outcomes[0] == outcomes[1]
    assert all(outcome != "no error" for _, outcome in outcomes[0]), outcomes[0]


NAMES = [name for name, _ in _refusals(socket, None, None)]


def _growth(call):
    """The traced memory ROUNDS calls of `call` leave behind."""
    for _ in range(200):  # warm-up: caches, free lists, interned names
        _outcome(call)
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(ROUNDS):
            _outcome(call)
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", NAMES)
def test_refusals_leak_nothing(both, name):
    growth = {}
    for mod in both:
        with mod.socket() as sock, mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as udp:
            growth[mod.__name__] = _growth(dict(_refusals(mod, sock, udp))[name])
    assert growth["socket"] < SLACK, (name, growth)  # the test's own calls are clean
    assert growth["pysock"] < SLACK, (name, growth)


@pytest.mark.skipif(not hasattr(socket, "AF_ALG"), reason="AF_ALG is Linux's")
def test_afalg_control_with_a_large_iv_is_freed(both):
    """sendmsg_afalg builds its control data (an IV larger than the call's
    stack buffer goes to the heap) and frees it when the send fails: through a
    look-alike AF_ALG socket (a UDP descriptor, so the send fails as for the
    stdlib), ROUNDS calls keep nothing."""
    from familyutil import lookalike
    growth, outcomes = {}, []
    for mod in both:
        with lookalike(mod, mod.AF_ALG, mod.SOCK_SEQPACKET, 0) as s:
            def call():
                return s.sendmsg_afalg([b"x"], op=mod.ALG_OP_ENCRYPT, iv=b"v" * 4096)
            outcomes.append(_outcome(call))
            growth[mod.__name__] = _growth(call)
    assert outcomes[0] == outcomes[1] and outcomes[0] != "no error"
    assert growth["socket"] < SLACK and growth["pysock"] < SLACK, growth


def _sendmmsg_refusals(udp):
    to = ("127.0.0.1", 9)
    return {
        "bytes message": (lambda: udp.sendmmsg([b"abc"]), "sequences, not bytes"),
        "str message": (lambda: udp.sendmmsg(["abc"]), "sequences, not str"),
        "empty message": (lambda: udp.sendmmsg([()]), "must have 1 to 3 items (buffers[, ancdata[, address]]), not 0"),
        "long message": (lambda: udp.sendmmsg([([b"x"], [], to, 4)]),
                         "must have 1 to 3 items (buffers[, ancdata[, address]]), not 4"),
    }


@pytest.mark.pysock_only
@pytest.mark.parametrize("name", ["bytes message", "str message", "empty message", "long message"])
def test_sendmmsg_message_shape_refusals(pysock, name):
    """sendmmsg (pysock's own) refuses a message that is not a (buffers[,
    ancdata[, address]]) sequence with a TypeError naming what it got, and
    the refusal, built per call, is freed."""
    if not hasattr(pysock.socket, "sendmmsg"):
        pytest.skip("no sendmmsg here")
    with pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as udp:
        call, words = _sendmmsg_refusals(udp)[name]
        with pytest.raises(TypeError) as info:
            call()
        assert str(info.value) == "sendmmsg() messages " + ("must be (buffers[, ancdata[, address]]) " if "sequences" in words else "") + words
        assert _growth(call) < SLACK


# Family addresses parsed for a look-alike socket (a UDP descriptor under
# the family's socket object, so the system call fails the same way for
# both modules): the parse's temporaries (encoded names, index objects) are
# freed, call after call.
FAMILY_ADDRESSES = [
    ("AF_CAN", "SOCK_RAW", "CAN_RAW", ("vcan-leak0",)),
    ("AF_CAN", "SOCK_DGRAM", "CAN_ISOTP", ("vcan-leak0", 1, 2)),
    ("AF_CAN", "SOCK_DGRAM", "CAN_J1939", ("vcan-leak0", 1, 2, 3)),
    ("AF_ALG", "SOCK_SEQPACKET", 0, ("hash", "sha256")),
    ("AF_PACKET", "SOCK_DGRAM", 0, ("lo", 0, 0, 0, b"123456789")),
    ("AF_NETLINK", "SOCK_RAW", 0, (2 ** 40, 7)),
    ("AF_TIPC", "SOCK_RDM", 0, (1, 2, 3, 4)),
    ("AF_VSOCK", "SOCK_STREAM", 0, (2 ** 33, 1)),
]


@pytest.mark.parametrize("family,kind,proto,address", FAMILY_ADDRESSES, ids=[f[0] + "-" + str(f[2]) for f in FAMILY_ADDRESSES])
def test_family_address_parsing_leaks_nothing(both, family, kind, proto, address):
    from familyutil import lookalike
    if not hasattr(socket, family):
        pytest.skip(f"no {family} here")
    growth, outcomes = {}, []
    for mod in both:
        proto_value = getattr(mod, proto) if isinstance(proto, str) else proto
        with lookalike(mod, getattr(mod, family), getattr(mod, kind), proto_value) as s:
            outcomes.append(_outcome(lambda: s.bind(address)))
            growth[mod.__name__] = _growth(lambda: s.bind(address))
    assert outcomes[0] == outcomes[1] and outcomes[0] != "no error"
    assert growth["socket"] < SLACK and growth["pysock"] < SLACK, growth
