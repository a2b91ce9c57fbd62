"""A batch call refused while its arguments are read makes no system call:
recvmmsg_into whose buffer lists are emptied as they are read (as in
test_recvmmsg_into_shrinking_list.py) raises IndexError before the backend's
recvmmsg is reached. The fault backend counts the calls (`recvmmsg=delay:0`
fires, and counts, on each one without changing it)."""
import pytest

from test_recvmmsg_into_shrinking_list import Clears

pytestmark = pytest.mark.pysock_only


def _lists(case):
    if case == "entry gone":
        outer = []
        outer.extend([Clears(outer), [bytearray(8)]])
        return outer
    first = [bytearray(8), bytearray(8)]
    return [first, Clears(first)]


def scenario_refused(m, faults, case):
    with m.socket(m.AF_INET, m.SOCK_DGRAM) as a, m.socket(m.AF_INET, m.SOCK_DGRAM) as b:
        b.bind(("127.0.0.1", 0))
        b.settimeout(10)
        a.sendto(b"kept", b.getsockname())
        faults.set("recvmmsg=delay:0")
        try:
            b.recvmmsg_into(_lists(case))
            got = "no error"
        except IndexError:
            got = "IndexError"
        calls = faults.injected()
        faults.set("")
        buf = bytearray(8)
        kept = [n for n, *_ in b.recvmmsg_into([[buf]])], bytes(buf[:4]).decode()
        return [got, calls, kept]


@pytest.mark.parametrize("case", ["entry gone", "earlier buffers gone"])
def test_refused_recvmmsg_into_makes_no_call(fault_worker, pysock, case):
    if not hasattr(pysock.socket, "recvmmsg_into"):
        pytest.skip("no recvmmsg_into here")
    assert fault_worker.run(scenario_refused, case) == ["IndexError", 0, [[4], "kept"]]
