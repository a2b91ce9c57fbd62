"""Each socket object holds a reference to its class (a heap type) while it
lives and gives it back when it goes: making and dropping sockets leaves the
class's reference count where it was, as for the stdlib's socket class.
Checked for the class itself, a subclass, and the sockets accept() makes."""
import gc
import sys

import pytest

ROUNDS = 50


def _count_after(cls, make):
    gc.collect()
    before = sys.getrefcount(cls)
    for _ in range(ROUNDS):
        make().close()
    gc.collect()
    return sys.getrefcount(cls) - before


@pytest.mark.parametrize("subclass", [False, True], ids=["class", "subclass"])
def test_sockets_give_their_class_back(both, subclass):
    res = []
    for m in both:
        cls = type("Sub", (m.socket,), {}) if subclass else m.socket
        res.append(_count_after(cls, lambda: cls(m.AF_INET, m.SOCK_DGRAM)))
    assert res == [0, 0]


def test_accepted_sockets_give_their_class_back(both):
    res = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_STREAM) as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen(ROUNDS)

            def accepted():
                with m.create_connection(listener.getsockname()):
                    return listener.accept()[0]

            res.append(_count_after(m.socket, accepted))
    assert res == [0, 0]
