"""An ancillary item whose elements cannot be fetched (a sequence of three
whose __getitem__ raises) is refused as the stdlib's "(iiy*)" refuses
it: the item's own exception is dropped for TypeError "... argument N is
not retrievable", N the element that failed; nothing is sent."""
import sys

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no sendmsg / AF_UNIX datagrams on Windows")


class Unfetchable:
    """A 3-item sequence whose element `at` raises `exc`."""

    def __init__(self, mod, at, exc):
        self.values = [mod.SOL_SOCKET, mod.SCM_RIGHTS, b""]
        self.at, self.exc = at, exc

    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i == self.at:
            raise self.exc("element %d" % i)
        return self.values[i]


def refusal(mod, send, at, exc):
    if not hasattr(mod, "AF_UNIX") or not hasattr(mod.socket, "sendmsg"):
        pytest.skip("no sendmsg here")
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    with a, b:
        b.setblocking(False)
        try:
            send(a, [b"x"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, b""), Unfetchable(mod, at, exc)])
        except Exception as e:
            result = type(e), e.args, e.__context__
        else:
            result = "sent"
        try:
            b.recv(16)
            received = True
        except BlockingIOError:
            received = False
    return result, received


@pytest.mark.parametrize("exc", [ValueError, IndexError, KeyError])
@pytest.mark.parametrize("at", [0, 1, 2])
def test_unfetchable_item_element_like_stdlib(both, at, exc):
    std, mod = both
    expected = refusal(std, lambda s, data, anc: s.sendmsg(data, anc), at, exc)
    assert expected == ((TypeError, (f"[sendmsg() ancillary data items]() argument {at + 1} is not retrievable",), None),
                        False)
    assert refusal(mod, lambda s, data, anc: s.sendmsg(data, anc), at, exc) == expected


@pytest.mark.parametrize("at", [0, 1, 2])
def test_unfetchable_item_element_in_sendmmsg(pysock, at):
    if not hasattr(pysock.socket, "sendmmsg"):
        pytest.skip("no sendmmsg here")
    got = refusal(pysock, lambda s, data, anc: s.sendmmsg([(data, anc)]), at, ValueError)
    assert got == ((TypeError, (f"[sendmmsg() ancillary data items]() argument {at + 1} is not retrievable",), None), False)


class NoLength:
    """A sequence whose __len__ raises."""

    def __len__(self):
        raise ValueError("no length")

    def __getitem__(self, i):
        return 0


def length_refusal(mod, send):
    if not hasattr(mod, "AF_UNIX") or not hasattr(mod.socket, "sendmsg"):
        pytest.skip("no sendmsg here")
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    with a, b:
        try:
            send(a, [b"x"], [NoLength()])
        except Exception as e:
            return type(e), e.args, e.__context__
        return "sent"


def test_item_whose_length_raises_like_stdlib(both):
    std, mod = both
    expected = length_refusal(std, lambda s, data, anc: s.sendmsg(data, anc))
    assert expected == (ValueError, ("no length",), None)
    assert length_refusal(mod, lambda s, data, anc: s.sendmsg(data, anc)) == expected


def test_item_whose_length_raises_in_sendmmsg(pysock):
    if not hasattr(pysock.socket, "sendmmsg"):
        pytest.skip("no sendmmsg here")
    got = length_refusal(pysock, lambda s, data, anc: s.sendmmsg([(data, anc)]))
    assert got == (ValueError, ("no length",), None)


@pytest.mark.parametrize("item", [(), [], (1,), (1, 2, b"x", 4)], ids=["empty-tuple", "empty-list", "one", "four"])
def test_item_of_the_wrong_length_like_stdlib(both, item):
    """An ancillary item that is a sequence of another length than 3, none
    included: the stdlib's TypeError, naming the length."""
    res = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            try:
                a.sendmsg([b"x"], [item])
                res.append("sent")
            except Exception as e:  # noqa: BLE001 - compared
                res.append((type(e).__name__, str(e)))
    assert res[0][0] == "TypeError"
    assert res[0] == res[1]
