"""recvmmsg(count, bufsize) whose messages together ask for more than
memory can hold (count * bufsize past the largest object, or past the
address space) raises MemoryError before anything is received, as recvmsg
does for one buffer too large, and the socket stays usable."""
import pytest

pytestmark = pytest.mark.pysock_only


@pytest.mark.parametrize("count,bufsize", [(2, 2**62), (3, 2**62), (8, 2**62), (1024, 2**54), (2, 2**63 - 1)],
                         ids=["2x2^62", "3x2^62", "8x2^62", "1024x2^54", "2xmax"])
def test_recvmmsg_total_too_large_raises_memory_error(pysock, count, bufsize):
    if not hasattr(pysock.socket, "recvmmsg"):
        pytest.skip("no recvmmsg here")
    with pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as a, \
            pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as b:
        b.bind(("127.0.0.1", 0))
        b.settimeout(10)
        with pytest.raises(MemoryError):
            b.recvmmsg(count, bufsize)
        a.sendto(b"after", b.getsockname())
        assert [m[0] for m in b.recvmmsg(4, 16)] == [b"after"]
