"""The fault backend's spec language (backends/faults/README.md): the
parser's unit test under `zig test`, and what the control API refuses."""
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pysock_only

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))


def test_plan_unit_test():
    pytest.importorskip("ziglang", reason="the ziglang package (Zig toolchain) is not installed")
    if not os.path.exists(os.path.join(REPO, "backends", "faults", "plan.zig")):
        pytest.skip("source tree not available")
    result = subprocess.run(
        [sys.executable, "-m", "ziglang", "test", "--dep", "abi", "-Mroot=backends/faults/plan.zig",
         "-Mabi=backends/abi/vtable.zig", "--cache-dir", os.path.join(REPO, ".zig-cache")],
        cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr + result.stdout


def scenario_refusals(mod, faults, specs):
    reasons = []
    for spec in specs:
        try:
            faults.set(spec)
            reasons.append(None)
        except ValueError as e:
            reasons.append(str(e))
    return reasons


BAD = {
    "nosuch=eintr": "no vtable entry 'nosuch'",
    "send": "expected entry=fault",
    "send=bogus": "unknown fault 'bogus'",
    "recv=ready": "ready applies to wait",
    "wait=short": "short applies to",
    "close=eintr": "close never reports EINTR",
    "send=eintr*0": "never fires",
    "send=eintr/x": "bad number",
    "getaddrinfo@3=eai_noname": "takes no handle",
    "getaddrinfo=eai_nosuch": "no constant 'eai_nosuch'",
    "monotonic_ns=eintr": "reports no errors",
    "accept=taken:bogus": "unknown fault 'bogus'",
}
GOOD = ["", " send=eintr/3 , send=short ", "wait@5=ready*2/3", "accept=taken:econnreset",
        "getaddrinfo=EAI_AGAIN", "recv=truncated:10", "recv=delay:5"]


def test_spec_refusals(fault_worker):
    reasons = fault_worker.run(scenario_refusals, list(BAD) + GOOD)
    for (spec, expected), reason in zip(BAD.items(), reasons):
        assert reason is not None and expected in reason, (spec, reason)
    assert reasons[len(BAD):] == [None] * len(GOOD)
