"""PEP 475 under injected EINTR: an interrupted call is retried (with the
time that is left, under a timeout) and gives what the stdlib gives without
the interruption; a signal handler that raises ends the call with the
handler's exception."""
import signal
import threading

import pytest

from faultutil import set_mode, stdlib_run
from sockutil import outcome

pytestmark = pytest.mark.pysock_only


def scenario_recv(mod, faults, mode, spec):
    a, b = mod.socketpair()
    with a, b:
        set_mode(b, mode)
        a.sendall(b"after interruptions")
        faults.set(spec.format(b=b.fileno()))
        result = outcome(b.recv, 100)
        return [list(result), faults.injected()]


@pytest.mark.parametrize("mode,spec", [
    ("blocking", "recv@{b}=eintr*3"),
    ("timeout", "recv@{b}=eintr*3"),
    ("timeout", "wait@{b}=eintr*3"),
    ("timeout", "wait@{b}=eintr/2*3,recv@{b}=eintr*2"),
])
def test_eintr_is_retried(fault_worker, mode, spec):
    """(accept under EINTR: test_faults_streams.py)"""
    faulted = fault_worker.run(scenario_recv, mode, spec)
    assert faulted[0] == stdlib_run(scenario_recv, mode, spec)[0]
    assert faulted[1] >= 3, faulted


def scenario_timeout_is_not_restarted(mod, faults):
    # Every wait is interrupted at once: only a retry that counts the time
    # left from the start ever reaches the timeout; one that restarts it
    # would spin for ever (the worker's limit then fails the test).
    a, b = mod.socketpair()
    with a, b:
        b.settimeout(0.3)
        faults.set("wait@{b}=eintr".format(b=b.fileno()))
        result = outcome(b.recv, 1)
        return [list(result), faults.injected() != 0]


def test_eintr_retry_keeps_the_deadline(fault_worker):
    faulted = fault_worker.run(scenario_timeout_is_not_restarted)
    expected = stdlib_run(scenario_timeout_is_not_restarted)
    assert faulted[0] == expected[0]
    assert expected[0][:2] == ["raise", "TimeoutError"]
    assert faulted[1] is True


class Interrupted(Exception):
    pass


def _raise_interrupted(signum, frame):
    raise Interrupted


def scenario_handler_raises(mod, faults, call):
    # Every attempt fails with EINTR; a thread raises SIGINT after 100 ms,
    # whose handler raises. The call must end with that exception: only the
    # signal check after each EINTR can stop the retries.
    a, b = mod.socketpair()
    old = signal.signal(signal.SIGINT, _raise_interrupted)
    timer = threading.Timer(0.1, signal.raise_signal, (signal.SIGINT,))
    try:
        with a, b:
            if call == "recv":
                faults.set("recv@{b}=eintr".format(b=b.fileno()))
                timer.start()
                result = outcome(b.recv, 1)
            elif call == "sendall":
                faults.set("send@{a}=eintr".format(a=a.fileno()))
                timer.start()
                result = outcome(a.sendall, b"x" * 100)
            else:
                b.settimeout(10.0)
                faults.set("wait@{b}=eintr".format(b=b.fileno()))
                timer.start()
                result = outcome(b.recv, 1)
            faults.set("")
            timer.join()
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, old)
    return list(result)


@pytest.mark.parametrize("call", ["recv", "sendall", "timeout-recv"])
def test_raising_handler_interrupts_the_call(fault_worker, call):
    assert fault_worker.run(scenario_handler_raises, call)[:2] == ["raise", "Interrupted"]


def scenario_spurious_wake_ups(mod, faults, timeout):
    # Every wait answers "ready" at once and the read that follows finds
    # nothing (EAGAIN): the call waits again while time is left, and ends
    # with TimeoutError, never with the would-block error itself, however
    # short the timeout (1 ns included).
    a, b = mod.socketpair()
    with a, b:
        b.settimeout(timeout)
        faults.set("wait@{b}=ready".format(b=b.fileno()))
        result = outcome(b.recv, 1)
        return [list(result[:2]), faults.injected() != 0]


@pytest.mark.parametrize("timeout", [1e-9, 1e-6, 0.05], ids=["1ns", "1us", "50ms"])
def test_spurious_wake_ups_end_in_timeout_error(fault_worker, timeout):
    faulted = fault_worker.run(scenario_spurious_wake_ups, timeout)
    assert faulted[0] == stdlib_run(scenario_spurious_wake_ups, timeout)[0]
    assert faulted[0][:2] == ["raise", "TimeoutError"]
    assert faulted[1] is True
