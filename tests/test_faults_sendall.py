"""sendall under short writes, EINTR, EAGAIN and spurious wake-ups (injected
by the fault backend): no byte lost or duplicated, with and without a
timeout, and the timeout bounds the whole call (the stdlib's rule since 3.5).
Each scenario also runs through the stdlib, without faults, as the oracle."""
import random

import pytest

from faultutil import digest, reading, stdlib_run
from sockutil import outcome

pytestmark = pytest.mark.pysock_only

# Small: with `short` every byte is a system call (about 1 ms each under Wine).
PAYLOAD = random.Random(475).randbytes(1500)


def send_under(mod, faults, spec, timeout, payload):
    """sendall(payload) from one end of a pair with `spec` in force on that
    end ({a} in the spec is its handle) while a thread reads the other end.
    Returns (sendall's outcome, what arrived, whether faults were injected)."""
    a, b = mod.socketpair()
    with a, b:
        a.settimeout(timeout)
        b.settimeout(30)
        join = reading(b)
        faults.set(spec.format(a=a.fileno()))
        try:
            result = outcome(a.sendall, payload)
        finally:
            injected = faults.injected()
            faults.set("")
            a.shutdown(mod.SHUT_WR)
        return result, join(), injected


def scenario_sendall(mod, faults, spec, timeout):
    result, data, injected = send_under(mod, faults, spec, timeout, PAYLOAD)
    return [list(result), digest(data), injected != 0]


SPECS = [
    "send@{a}=short",
    "send@{a}=eintr*3",
    "send@{a}=eintr/2,send@{a}=short",
    "send@{a}=eintr/3,send@{a}=short",
]
TIMEOUT_SPECS = [
    "send@{a}=eagain/2,send@{a}=short",
    "send@{a}=short,wait@{a}=ready/2",
    "send@{a}=short,wait@{a}=eintr/2",
]


@pytest.mark.parametrize("spec,timeout", [(s, None) for s in SPECS] + [(s, 10.0) for s in SPECS + TIMEOUT_SPECS])
def test_sendall_delivers_every_byte_once(fault_worker, spec, timeout):
    faulted = fault_worker.run(scenario_sendall, spec, timeout)
    expected = stdlib_run(scenario_sendall, spec, timeout)
    assert expected[2] is True  # (NoFaults reports None: "not zero")
    assert faulted[:2] == expected[:2]
    assert faulted[2] is True, "no fault was injected"


def scenario_sendall_deadline(mod, faults):
    # Every wait for room takes 50 ms and every send moves one byte: the 200
    # bytes would take 10 s, each step far less than the 0.5 s timeout.
    payload = PAYLOAD[:200]
    result, data, injected = send_under(mod, faults, "send@{a}=short,wait@{a}=delay:50", 0.5, payload)
    return [list(result), payload.startswith(data), len(data) < len(payload), injected != 0]


def test_sendall_timeout_bounds_the_whole_call(fault_worker):
    result, prefix, shorter, injected = fault_worker.run(scenario_sendall_deadline)
    assert result[:2] == ["raise", "TimeoutError"]
    assert prefix and shorter and injected
