"""recvmsg whose control data turns malformed after a good item (the fault
backend's cmsg_next answers -1 at its second step), with the stdlib's
RuntimeWarning made an error: the warning is raised, and neither the item
list built so far nor the descriptors that arrived are kept, call after
call."""
import array
import gc
import os
import sys
import warnings

import pytest

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(sys.platform == "win32", reason="no AF_UNIX datagrams with descriptors on Windows"),
]

ROUNDS = 200


def open_descriptors():
    for folder in ("/proc/self/fd", "/dev/fd"):
        if os.path.isdir(folder):
            return len(os.listdir(folder))
    return 0


def scenario_second_step_malformed(mod, faults):
    if not hasattr(mod, "AF_UNIX") or not hasattr(mod.socket, "recvmsg"):
        return "skip"
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    r, w = os.pipe()
    rights = [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r, w]))]
    space = mod.CMSG_SPACE(2 * array.array("i").itemsize)
    outcomes = {}

    def round_():
        a.sendmsg([b"xy"], rights)
        faults.set("cmsg_next=invalid*1/2")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)
                b.recvmsg(16, space)
            outcome = "returned"
        except RuntimeWarning as e:
            outcome = "RuntimeWarning: " + str(e)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        return faults.injected()

    try:
        for _ in range(20):
            round_()
        gc.collect()
        blocks, descriptors = sys.getallocatedblocks(), open_descriptors()
        injected = sum(round_() for _ in range(ROUNDS))
        gc.collect()
        return {"outcomes": outcomes, "injected": injected,
                "block_growth": sys.getallocatedblocks() - blocks,
                "descriptors": [descriptors, open_descriptors()]}
    finally:
        faults.set("")
        a.close()
        b.close()
        os.close(r)
        os.close(w)


def test_malformed_second_item_keeps_nothing(fault_worker):
    report = fault_worker.run(scenario_second_step_malformed)
    if report == "skip":
        pytest.skip("no recvmsg with AF_UNIX here")
    assert report["outcomes"] == {
        "RuntimeWarning: received malformed or improperly-truncated ancillary data": ROUNDS + 20}, report
    assert report["injected"] == ROUNDS, report
    before, after = report["descriptors"]
    assert after == before, report
    # A list kept per call would grow by hundreds of blocks.
    assert report["block_growth"] < ROUNDS // 4, report


def scenario_second_step_malformed_warns(mod, faults):
    """The same malformed second step with the warning only shown (the
    default filters): recvmsg returns the message and the items before the
    malformed one, the warning is issued once, and the descriptors that
    arrived in the good item are the caller's."""
    if not hasattr(mod, "AF_UNIX") or not hasattr(mod.socket, "recvmsg"):
        return "skip"
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    r, w = os.pipe()
    try:
        a.sendmsg([b"xy"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r, w]))])
        faults.set("cmsg_next=invalid*1/2")
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            data, items, flags, _ = b.recvmsg(16, mod.CMSG_SPACE(2 * array.array("i").itemsize))
        fds = array.array("i")
        for level, kind, payload in items:
            fds.frombytes(payload)
        for fd in fds:
            os.close(fd)
        return {"data": data.decode(), "items": [(level, kind, len(payload)) for level, kind, payload in items],
                "warnings": [f"{w.category.__name__}: {w.message}" for w in seen],
                "injected": faults.injected()}
    finally:
        faults.set("")
        a.close()
        b.close()
        os.close(r)
        os.close(w)


def test_malformed_second_item_warns_and_returns(fault_worker, pysock):
    report = fault_worker.run(scenario_second_step_malformed_warns)
    if report == "skip":
        pytest.skip("no recvmsg with AF_UNIX here")
    size = 2 * array.array("i").itemsize
    assert report == {"data": "xy", "items": [[pysock.SOL_SOCKET, pysock.SCM_RIGHTS, size]],
                      "warnings": ["RuntimeWarning: received malformed or improperly-truncated ancillary data"],
                      "injected": 1}
