"""pysock's sendmmsg raises sendmsg's audit event once per change of
destination, the change from no address (a connected socket's peer) to an
address and back included; None given again after None is no change. The
hook is this module's own (hooks cannot be removed): it records only
while a test switches it on."""
import sys

import pytest

pytestmark = pytest.mark.pysock_only

_STATE = {"installed": False, "events": None}


def _hook(event, args):
    if _STATE["events"] is not None and event == "socket.sendmsg":
        _STATE["events"].append(args)


@pytest.fixture
def recorded():
    if not _STATE["installed"]:
        sys.addaudithook(_hook)
        _STATE["installed"] = True
    _STATE["events"] = []
    try:
        yield _STATE["events"]
    finally:
        _STATE["events"] = None


def test_sendmmsg_event_when_the_address_comes_and_goes(pysock, recorded):
    if not hasattr(pysock.socket, "sendmmsg"):
        pytest.skip("no sendmmsg here")
    a, b, c = (pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) for _ in range(3))
    with a, b, c:
        b.bind(("127.0.0.1", 0))
        c.bind(("127.0.0.1", 0))
        a.connect(b.getsockname())
        to_c = c.getsockname()
        sent = a.sendmmsg([([b"1"],), ([b"2"], [], to_c), ([b"3"],), ([b"4"], [], None), ([b"5"], [], to_c)])
        events = [(args[0] is a, args[1]) for args in recorded]
        assert sent == 5
        assert events == [(True, None), (True, to_c), (True, None), (True, to_c)]
        b.settimeout(10)
        c.settimeout(10)
        assert [b.recv(16) for _ in range(3)] == [b"1", b"3", b"4"]
        assert [c.recv(16) for _ in range(2)] == [b"2", b"5"]
