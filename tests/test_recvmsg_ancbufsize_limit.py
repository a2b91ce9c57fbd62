"""recvmsg's ancbufsize at its limit (a socklen_t, 2**31 - 1): the largest
is taken, and costs no more than a small one (its zeroed buffer is fresh
pages, never written); one past it is the stdlib's ValueError. pysock's
recvmmsg and recvmmsg_into take the same limit."""
import socket as std

import pytest

pytestmark = pytest.mark.skipif(not hasattr(std.socket, "recvmsg") or not hasattr(std, "AF_UNIX"),
                                reason="recvmsg over AF_UNIX")

LIMIT = 2 ** 31 - 1


def _outcome(call):
    try:
        return ("ok", call()[:3])
    except Exception as e:  # noqa: BLE001 - compared
        return ("raise", type(e).__name__, str(e))


@pytest.mark.parametrize("ancbufsize", [LIMIT, LIMIT + 1], ids=["limit", "past"])
def test_recvmsg_ancbufsize_limit_like_stdlib(both, ancbufsize):
    res = []
    for m in both:
        a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
        with a, b:
            a.send(b"x")
            b.settimeout(10)
            res.append(_outcome(lambda: b.recvmsg(4, ancbufsize)))
    assert res[0] == (("ok", (b"x", [], 0)) if ancbufsize == LIMIT
                      else ("raise", "ValueError", "invalid ancillary data buffer length"))
    assert res[0] == res[1]


@pytest.mark.pysock_only
@pytest.mark.parametrize("method", ["recvmmsg", "recvmmsg_into"])
def test_batch_ancbufsize_limit(pysock, method):
    if not hasattr(pysock.socket, method):
        pytest.skip(f"no {method} here")
    a, b = pysock.socketpair(pysock.AF_UNIX, pysock.SOCK_DGRAM)
    with a, b:
        b.settimeout(10)
        results = []
        for ancbufsize in (LIMIT, LIMIT + 1):
            a.send(b"x")
            call = ((lambda: b.recvmmsg(1, 4, ancbufsize)) if method == "recvmmsg"
                    else (lambda: b.recvmmsg_into([[bytearray(4)]], ancbufsize)))
            try:
                results.append([m[1:3] for m in call()])
            except ValueError as e:
                results.append(str(e))
                b.recv(4)
        assert results == [[([], 0)], "invalid ancillary data buffer length"]
