"""has_dualstack_ipv6() answers by trying: an IPv6 socket whose IPV6_V6ONLY
it clears. When that setsockopt fails (the fault backend fails it once) the
answer is False, as the stdlib's code gives on such a system, and the probe's
socket is closed; when it works again, True."""
import pytest

pytestmark = pytest.mark.pysock_only


def scenario_probe(mod, faults):
    if not mod.has_ipv6:
        return "skip"
    before = mod.has_dualstack_ipv6()
    faults.set("setsockopt=enobufs*1")
    try:
        failed = mod.has_dualstack_ipv6()
        injected = faults.injected()
    finally:
        faults.set("")
    return {"before": before, "failed": failed, "injected": injected, "after": mod.has_dualstack_ipv6()}


def test_probe_that_cannot_clear_v6only_answers_false(fault_worker):
    report = fault_worker.run(scenario_probe)
    if report == "skip":
        pytest.skip("no IPv6 here")
    if not report["before"]:
        pytest.skip("no dual-stack IPv6 here")
    assert report == {"before": True, "failed": False, "injected": 1, "after": True}
