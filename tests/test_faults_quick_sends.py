"""A blocking send that is tried quickly first (MSG_DONTWAIT, the GIL held:
binding/io.zig, finishWrite) and moves only part of its buffer goes on
with a blocking send of the rest, so that the caller sees what one
blocking send would have returned: the whole buffer, as the stdlib's
send on a blocking stream. The fault backend cuts the quick try to one
byte. If the rest then fails, send reports the byte already sent (what
the kernel does when a blocking send fails midway) and raises nothing."""
import pytest

from faultutil import digest, read_all, stdlib_run

pytestmark = pytest.mark.pysock_only


def _needs_quick_sends(pysock):
    if not hasattr(pysock, "MSG_DONTWAIT"):
        pytest.skip("no MSG_DONTWAIT: every blocking send is one blocking call")


def scenario_send_completes(mod, faults, size, how):
    a, b = mod.socketpair()
    with a, b:
        a.settimeout(None)
        b.settimeout(30)
        data = bytes(i % 251 for i in range(size))
        faults.set("send@{a}=short*1".format(a=a.fileno()))
        if how == "send":
            sent = a.send(data)
        else:
            sent = a.send(memoryview(bytearray(data)), 0)
        injected = faults.injected()
        faults.set("")
        a.shutdown(mod.SHUT_WR)
        return [sent, digest(read_all(b)), injected]


@pytest.mark.parametrize("size", [2, 5, 4096, 16384], ids=["2", "5", "4KiB", "16KiB"])
@pytest.mark.parametrize("how", ["send", "send-flags"])
def test_cut_quick_send_completes_like_stdlib(fault_worker, pysock, size, how):
    _needs_quick_sends(pysock)
    faulted = fault_worker.run(scenario_send_completes, size, how)
    expected = stdlib_run(scenario_send_completes, size, how)
    assert faulted[:2] == expected[:2]
    assert expected[0] == size
    assert faulted[2] == 1  # the quick try was cut


def scenario_rest_fails(mod, faults, fault):
    a, b = mod.socketpair()
    with a, b:
        a.settimeout(None)
        b.settimeout(30)
        faults.set("send@{a}=short*1,send@{a}={f}*1".format(a=a.fileno(), f=fault))
        try:
            result = ["ok", a.send(b"hello")]
        except Exception as e:  # noqa: BLE001 - the outcome is the result
            result = ["raise", type(e).__name__, getattr(e, "errno", None)]
        injected = faults.injected()
        faults.set("")
        a.shutdown(mod.SHUT_WR)
        return [result, read_all(b).decode(), injected]


@pytest.mark.parametrize("fault", ["econnreset", "epipe", "enobufs"])
def test_failed_rest_reports_the_part_sent(fault_worker, pysock, fault):
    _needs_quick_sends(pysock)
    result, received, injected = fault_worker.run(scenario_rest_fails, fault)
    assert injected == 2
    assert result == ["ok", 1]
    assert received == "h"


def scenario_interrupted_rest(mod, faults):
    # EINTR on the rest is retried (PEP 475): the whole buffer goes.
    a, b = mod.socketpair()
    with a, b:
        a.settimeout(None)
        b.settimeout(30)
        faults.set("send@{a}=short*1,send@{a}=eintr*2".format(a=a.fileno()))
        sent = a.send(b"hello world")
        injected = faults.injected()
        faults.set("")
        a.shutdown(mod.SHUT_WR)
        return [sent, read_all(b).decode(), injected]


def test_interrupted_rest_is_retried(fault_worker, pysock):
    _needs_quick_sends(pysock)
    sent, received, injected = fault_worker.run(scenario_interrupted_rest)
    assert [sent, received] == stdlib_run(scenario_interrupted_rest)[:2] == [11, "hello world"]
    assert injected == 3

