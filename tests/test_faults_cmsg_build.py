"""sendmsg when the backend's cmsg_build fails (the fault backend makes it
fail with ENOMEM on its first call, which sizes the control bytes, or on
its second, which writes them): OSError with the backend's errno, nothing
sent, and the next sendmsg goes through. The stdlib builds its control
bytes itself: there is no failure of its to compare with."""
import array
import errno
import sys

import pytest

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(sys.platform == "win32", reason="no sendmsg / AF_UNIX datagrams on Windows"),
]


def outcome(fn, *args):
    try:
        return ["ok", fn(*args)]
    except OSError as e:
        return ["raise", type(e).__name__, e.errno]


def scenario_build_fails(mod, faults, spec):
    if not hasattr(mod, "AF_UNIX") or not hasattr(mod.socket, "sendmsg"):
        return "skip"
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    with a, b:
        b.setblocking(False)
        item = (mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [a.fileno()]))
        faults.set(spec)
        failed = outcome(a.sendmsg, [b"first"], [item])
        injected = faults.injected()
        faults.set("")
        queued = outcome(b.recv, 16)
        again = outcome(a.sendmsg, [b"second"], [item])
        b.setblocking(True)
        b.settimeout(10)
        data, ancdata, flags, _ = b.recvmsg(16, 64)
        for level, kind, fds in ancdata:
            for fd in array.array("i", fds[: len(fds) - len(fds) % 4]):
                mod.socket(fileno=fd).close()
        return failed, injected, queued, again, data, len(ancdata)


@pytest.mark.parametrize("spec", ["cmsg_build=enomem*1", "cmsg_build=enomem*1/2"], ids=["sizing", "writing"])
def test_cmsg_build_failure_raises_and_sends_nothing(fault_worker, spec):
    result = fault_worker.run(scenario_build_fails, spec)
    if result == "skip":
        pytest.skip("no sendmsg with AF_UNIX here")
    failed, injected, queued, again, data, items = result
    assert failed == ["raise", "OSError", errno.ENOMEM]
    assert injected == 1
    assert queued[:2] == ["raise", "BlockingIOError"]
    assert again == ["ok", 6]
    assert data == "bytes:" + b"second".hex()
    assert items == 1
