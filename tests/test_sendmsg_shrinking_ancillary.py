"""sendmsg's ancillary list emptied while it is read (an item's level is an
object whose __index__ clears the list): the item it can no longer get
raises IndexError and nothing is sent. (The stdlib reads such a list past
its end, so it is no oracle here: pysock's own guarantee.)"""
import socket as std

import pytest

pytestmark = [pytest.mark.pysock_only,
              pytest.mark.skipif(not hasattr(std.socket, "sendmsg") or not hasattr(std, "AF_UNIX"),
                                 reason="sendmsg over AF_UNIX")]


class ClearsOnIndex:
    """A level that empties `items` when converted to an int."""

    def __init__(self, items, value):
        self.items, self.value = items, value

    def __index__(self):
        self.items.clear()
        return self.value


@pytest.mark.parametrize("method", ["sendmsg", "sendmmsg"])
def test_ancillary_list_emptied_while_read(pysock, method):
    if not hasattr(pysock.socket, method):
        pytest.skip(f"no {method} here")
    a, b = pysock.socketpair(pysock.AF_UNIX, pysock.SOCK_DGRAM)
    with a, b:
        ancillary = []
        ancillary.extend([(ClearsOnIndex(ancillary, pysock.SOL_SOCKET), pysock.SCM_RIGHTS, b""),
                          (pysock.SOL_SOCKET, pysock.SCM_RIGHTS, b"")])
        with pytest.raises(IndexError):
            if method == "sendmsg":
                a.sendmsg([b"never"], ancillary)
            else:
                a.sendmmsg([([b"never"], ancillary)])
        assert ancillary == []
        b.setblocking(False)
        with pytest.raises(BlockingIOError):
            b.recv(16)
        a.send(b"after")
        assert b.recv(16) == b"after"


def test_message_list_emptied_while_read(pysock):
    """sendmmsg's message list emptied by its first message (its port's
    __index__ clears the list): the message it can no longer get raises
    IndexError and nothing is sent."""
    if not hasattr(pysock.socket, "sendmmsg"):
        pytest.skip("no sendmmsg here")
    with pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as a, \
            pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as b:
        b.bind(("127.0.0.1", 0))
        messages = []
        port = ClearsOnIndex(messages, b.getsockname()[1])
        messages.extend([([b"one"], [], ("127.0.0.1", port)), ([b"two"], [], b.getsockname())])
        with pytest.raises(IndexError):
            a.sendmmsg(messages)
        assert messages == []
        b.setblocking(False)
        with pytest.raises(BlockingIOError):
            b.recv(16)


def test_buffer_list_emptied_while_read(pysock):
    """A message's buffer list emptied after it was counted (a later
    message's port __index__ clears it): the buffer sendmmsg can no longer
    get raises IndexError and nothing is sent."""
    if not hasattr(pysock.socket, "sendmmsg"):
        pytest.skip("no sendmmsg here")
    with pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as a, \
            pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM) as b:
        b.bind(("127.0.0.1", 0))
        host, port = b.getsockname()
        buffers = [b"one", b"two"]
        messages = [(buffers, [], (host, port)), ([b"three"], [], (host, ClearsOnIndex(buffers, port)))]
        with pytest.raises(IndexError):
            a.sendmmsg(messages)
        assert buffers == []
        b.setblocking(False)
        with pytest.raises(BlockingIOError):
            b.recv(16)
        a.sendto(b"after", (host, port))
        assert b.recv(16) == b"after"
