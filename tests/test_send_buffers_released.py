"""The calls that read or fill a caller's buffer give it back (a bytearray
can be resized after the call), whether the call succeeded or failed, as in
the stdlib: the sends, setsockopt, and the receives into a buffer."""
import pytest

from sockutil import outcome


def used_then_resized(call, data):
    """What `call` did, then whether the bytearray `data` it was given can
    grow (it cannot while a buffer export is held), and its bytes."""
    first = outcome(call, data)
    return first[:2], outcome(data.extend, b"+"), bytes(data)


def assert_given_back(res):
    """The same for both modules, and the buffer free again."""
    assert res[0][1] == ("ok", None)
    assert res[0] == res[1]

SENDS = {
    "send": lambda s, data, to: s.send(data),
    "sendall": lambda s, data, to: s.sendall(data),
    "sendto": lambda s, data, to: s.sendto(data, to),
    "sendmsg": lambda s, data, to: s.sendmsg([data]),
}


@pytest.mark.parametrize("connected", [True, False], ids=["connected", "unconnected"])
@pytest.mark.parametrize("call", sorted(SENDS))
def test_send_gives_the_buffer_back(both, call, connected):
    res = []
    for m in both:
        if call == "sendmsg" and not hasattr(m.socket, "sendmsg"):
            pytest.skip("no sendmsg here")
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as r, m.socket(m.AF_INET, m.SOCK_DGRAM) as s:
            r.bind(("127.0.0.1", 0))
            if connected:
                s.connect(r.getsockname())
            res.append(used_then_resized(lambda data: SENDS[call](s, data, r.getsockname()),
                                         bytearray(b"payload")))
    assert_given_back(res)


class Index:
    """An int-like object whose __index__ answers a large int it holds."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


def test_masked_int_fields_keep_no_reference(both):
    """Fields read as masked unsigned ints (AF_NETLINK's pid and groups, here
    through a look-alike socket) take the int __index__ gives and let go of it."""
    import sys

    from familyutil import lookalike
    res = []
    for m in both:
        if not hasattr(m, "AF_NETLINK"):
            pytest.skip("no AF_NETLINK here")
        big = 2 ** 40 + 12345
        s = lookalike(m, m.AF_NETLINK, m.SOCK_RAW, 0)
        with s:
            before = sys.getrefcount(big)
            for _ in range(20):
                outcome(s.bind, (Index(big), Index(big)))
            res.append(sys.getrefcount(big) - before)
    assert res == [0, 0]


@pytest.mark.parametrize("value", [b"\x01\x00\x00\x00", b"\x01"], ids=["int-sized", "short"])
def test_setsockopt_gives_the_buffer_back(both, value):
    """setsockopt's bytes-like value is let go of whether the OS took it (an
    int's four bytes) or refused it (one byte for an int option)."""
    res = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as s:
            res.append(used_then_resized(lambda data: s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, data),
                                         bytearray(value)))
    assert_given_back(res)


RECEIVES = {
    "recv_into": lambda s, buf: s.recv_into(buf),
    "recvfrom_into": lambda s, buf: s.recvfrom_into(buf)[0],
    "recvmsg_into": lambda s, buf: s.recvmsg_into([buf])[0],
}


@pytest.mark.parametrize("waiting", [True, False], ids=["datagram-waiting", "would-block"])
@pytest.mark.parametrize("call", sorted(RECEIVES))
def test_receive_gives_the_buffer_back(both, call, waiting):
    res = []
    for m in both:
        if call == "recvmsg_into" and not hasattr(m.socket, "recvmsg_into"):
            pytest.skip("no recvmsg_into here")
        with m.socket(m.AF_INET, m.SOCK_DGRAM) as r, m.socket(m.AF_INET, m.SOCK_DGRAM) as s:
            r.bind(("127.0.0.1", 0))
            r.settimeout(10 if waiting else 0)
            if waiting:
                s.sendto(b"payload", r.getsockname())
            res.append(used_then_resized(lambda data: RECEIVES[call](r, data), bytearray(16)))
    assert_given_back(res)
