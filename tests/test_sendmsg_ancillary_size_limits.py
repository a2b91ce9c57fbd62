"""sendmsg's refusals of ancillary data past the socklen_t limit, before
anything is copied or sent: one item too large, and items that are too
much together. The data comes from an anonymous mmap that is never
touched, so gigabytes cost no memory."""
import mmap
import sys

import pytest

pytestmark = [
    pytest.mark.skipif(sys.maxsize < 2**32, reason="needs a 64-bit address space"),
    pytest.mark.skipif(sys.platform == "win32", reason="no sendmsg / AF_UNIX datagrams on Windows"),
]


def outcome(mod, size, count):
    if not hasattr(mod, "AF_UNIX") or not hasattr(mod.socket, "sendmsg") or not hasattr(mod, "SCM_RIGHTS"):
        pytest.skip("no sendmsg with SCM_RIGHTS here")
    m = mmap.mmap(-1, size)
    view = memoryview(m)
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    try:
        a.sendmsg([b"x"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, view)] * count)
    except Exception as e:
        return type(e), e.args
    finally:
        a.close()
        b.close()
        view.release()
        m.close()
    return "sent"


@pytest.mark.parametrize("size,count", [(2**31, 1), (2**30, 2), (2**29, 5)],
                         ids=["item-2GiB", "two-1GiB", "five-512MiB"])
def test_oversized_ancillary_data_refused_like_stdlib(both, size, count):
    std, mod = both
    expected = outcome(std, size, count)
    assert expected[0] is OSError  # the stdlib refuses it before sending
    assert outcome(mod, size, count) == expected
