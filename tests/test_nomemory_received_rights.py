"""Out of memory at every allocation of a recvmsg / recvmsg_into that
receives descriptors (SCM_RIGHTS) with data whose value must be allocated
(bytes of more than one byte, a byte count past the small ints): each
failure raises MemoryError and the descriptors that arrived are closed,
including when the failure is the value's own. The sweep is
tests/nomemory_run.py's, run in a child with scenarios of this file's own."""
import pytest

from nomemoryutil import assert_released, needs_nomemory, sweep_code

pytestmark = pytest.mark.pysock_only

CHILD = r"""
import array, os, sys
sys.path.insert(0, sys.argv[1])
into = sys.argv[2] == "into"
sys.argv = ["nomemory_run.py", "rights"]
import nomemory_run

m = nomemory_run.m
PAYLOAD = bytes(range(256)) + b"tail" * 20


def scenario_rights():
    a, b = m.socketpair(m.AF_UNIX, m.SOCK_DGRAM)
    rights = [(m.SOL_SOCKET, m.SCM_RIGHTS, array.array("i", [a.fileno(), b.fileno()]))]
    space = m.CMSG_SPACE(2 * array.array("i").itemsize)
    target = bytearray(len(PAYLOAD))
    box = [None]

    def prepare():
        if box[0] is not None:
            for _, _, data in box[0][1]:
                for fd in array.array("i", data[:len(data) - len(data) % 4]):
                    os.close(fd)
            box[0] = None
        else:
            # A failed call consumed the datagram; none queued twice.
            b.setblocking(False)
            try:
                while True:
                    b.recv(1)
            except BlockingIOError:
                pass
            b.setblocking(True)
        a.sendmsg([PAYLOAD], rights)

    if into:
        def call():
            box[0] = b.recvmsg_into([target], space)
    else:
        def call():
            box[0] = b.recvmsg(len(PAYLOAD), space)

    return prepare, call


nomemory_run.scenario_rights = scenario_rights
nomemory_run.main()
"""


@needs_nomemory
@pytest.mark.parametrize("kind", ["recvmsg", "into"])
def test_received_descriptors_closed_when_memory_runs_out(pysock, kind):
    if not hasattr(pysock, "AF_UNIX") or not hasattr(pysock.socket, "recvmsg"):
        pytest.skip("no recvmsg with AF_UNIX datagrams here")
    report = sweep_code(CHILD, kind)
    assert_released(pysock, report)
    before, after = report["descriptors"]
    assert after == before, report
