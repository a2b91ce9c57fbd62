"""recvmmsg_into (pysock's own) given a list that one of its entries
empties while it is being read (the entry's __iter__ clears the outer
list): the entry it can no longer get raises IndexError, nothing is
received, no half-read state is used, and the socket still works."""
import pytest

pytestmark = pytest.mark.pysock_only


class Clears:
    """An iterable of one buffer that clears `outer` when iterated."""

    def __init__(self, outer):
        self.outer = outer

    def __iter__(self):
        self.outer.clear()
        return iter([bytearray(8)])


def _refused_then_kept(pysock, lists_of):
    """recvmmsg_into(lists_of()) with a datagram waiting raises IndexError,
    and the datagram is still there for the next call."""
    if not hasattr(pysock.socket, "recvmmsg_into"):
        pytest.skip("no recvmmsg_into here")
    with pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as a, \
            pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as b:
        b.bind(("127.0.0.1", 0))
        b.settimeout(10)
        a.sendto(b"kept", b.getsockname())
        with pytest.raises(IndexError):
            b.recvmmsg_into(lists_of())
        buf = bytearray(8)
        assert [m[0] for m in b.recvmmsg_into([[buf]])] == [4]
        assert bytes(buf[:4]) == b"kept"


@pytest.mark.parametrize("extra", [1, 3])
def test_recvmmsg_into_entry_gone_raises_index_error(pysock, extra):
    def lists_of():
        outer = []
        outer.extend([Clears(outer)] + [[bytearray(8)] for _ in range(extra)])
        return outer

    _refused_then_kept(pysock, lists_of)


def test_recvmmsg_into_earlier_buffers_gone_raises_index_error(pysock):
    """The buffers of an earlier message are counted first and taken after:
    a later entry that empties the earlier message's list in between makes
    the buffer it counted one it can no longer get: IndexError, nothing
    received."""
    first = [bytearray(8), bytearray(8)]
    _refused_then_kept(pysock, lambda: [first, Clears(first)])
    assert first == []
