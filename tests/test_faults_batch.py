"""Batch datagrams (recvmmsg, recvmmsg_into, sendmmsg) on the fault backend:
EINTR and EAGAIN are retried as for recvmsg/sendmsg (PEP 475, the timeout
machinery) and give what a loop of the stdlib's calls gives without faults;
a backend that returns a batch of one is a partial batch, not an error; a
reported length past the buffers is cut to them (recvmmsg) and never
written past them (recvmmsg_into); a failure of the first message raises."""
import pytest

from batchutil import plain, recv_batch, recv_into_batch, send_batch
from faultutil import set_mode, stdlib_run
from sockutil import outcome

pytestmark = pytest.mark.pysock_only

DATAGRAMS = [b"first", b"", b"third" * 10]


def _pair(mod):
    a = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    b = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    a.bind(("127.0.0.1", 0))
    b.bind(("127.0.0.1", 0))
    a.settimeout(10)
    b.settimeout(10)
    return a, b, {a.getsockname(): "sender", b.getsockname(): "receiver"}


def _described(result, names):
    """outcome() of a batch call, its messages made comparable."""
    if result[0] == "ok" and isinstance(result[1], list):
        return ["ok", plain(result[1], names)]
    return list(result[:2])


def scenario_receive(mod, faults, mode, spec, into):
    a, b, names = _pair(mod)
    with a, b:
        for data in DATAGRAMS:
            a.sendto(data, b.getsockname())
        set_mode(b, mode)
        faults.set(spec.format(a=a.fileno(), b=b.fileno()))
        if into:
            buffers = [[bytearray(100)] for _ in range(8)]
            result = _described(outcome(recv_into_batch, b, buffers), names)
            return [result, [bytes(x[0][:len(d)]) for x, d in zip(buffers, DATAGRAMS)], faults.injected()]
        return [_described(outcome(recv_batch, b, 8, 100), names), None, faults.injected()]


@pytest.mark.parametrize("into", [False, True], ids=["recvmmsg", "recvmmsg_into"])
@pytest.mark.parametrize("mode,spec", [
    ("blocking", "recvmmsg@{b}=eintr*3"),
    ("timeout", "recvmmsg@{b}=eintr*3"),
    ("timeout", "recvmmsg@{b}=eagain*2"),
    ("timeout", "wait@{b}=eintr*2,recvmmsg@{b}=eagain*1"),
])
def test_receive_retries_like_the_stdlib(fault_worker, mode, spec, into):
    faulted = fault_worker.run(scenario_receive, mode, spec, into)
    expected = stdlib_run(scenario_receive, mode, spec, into)
    assert faulted[:2] == expected[:2]
    assert faulted[0][0] == "ok" and len(faulted[0][1]) == len(DATAGRAMS)
    assert faulted[2] >= 2, faulted


def scenario_send(mod, faults, mode, spec):
    a, b, names = _pair(mod)
    with a, b:
        set_mode(a, mode)
        faults.set(spec.format(a=a.fileno(), b=b.fileno()))
        sent = outcome(send_batch, a, [([d], [], b.getsockname()) for d in DATAGRAMS])
        injected = faults.injected()
        faults.set("")
        received = _described(outcome(recv_batch, b, 8, 100), names)
        return [list(sent), received, injected]


@pytest.mark.parametrize("mode,spec", [
    ("blocking", "sendmmsg@{a}=eintr*3"),
    ("timeout", "sendmmsg@{a}=eintr*2"),
    ("timeout", "sendmmsg@{a}=eagain*2"),
])
def test_send_retries_like_the_stdlib(fault_worker, mode, spec):
    faulted = fault_worker.run(scenario_send, mode, spec)
    expected = stdlib_run(scenario_send, mode, spec)
    assert faulted[:2] == expected[:2]
    assert faulted[0] == ["ok", len(DATAGRAMS)]
    assert faulted[2] >= 2, faulted


def scenario_batches_of_one(mod, faults):
    a, b, names = _pair(mod)
    with a, b:
        for data in DATAGRAMS:
            a.sendto(data, b.getsockname())
        faults.set("recvmmsg@{b}=short,sendmmsg@{a}=short".format(a=a.fileno(), b=b.fileno()))
        sizes, messages = [], []
        while len(messages) < len(DATAGRAMS):
            batch = b.recvmmsg(8, 100)
            sizes.append(len(batch))
            messages += plain(batch, names)
        sent = a.sendmmsg([([d], [], b.getsockname()) for d in DATAGRAMS])
        into = b.recvmmsg_into([[bytearray(100)]] * 8)
        return [sizes, messages, sent, len(into), faults.injected()]


def test_a_batch_of_one_is_a_partial_batch(fault_worker):
    sizes, messages, sent, into, injected = fault_worker.run(scenario_batches_of_one)
    assert sizes == [1] * len(DATAGRAMS)
    assert [m[0] for m in messages] == ["bytes:" + d.hex() for d in DATAGRAMS]
    assert sent == 1 and into == 1
    assert injected == len(DATAGRAMS) + 2


EXTRA = 3000


def scenario_truncated(mod, faults):
    a, b, names = _pair(mod)
    with a, b:
        full, short = bytes(range(100)), b"short"
        for data in (full, short, full, short):
            a.sendto(data, b.getsockname())
        faults.set("recvmmsg@{b}=truncated:{n}".format(b=b.fileno(), n=EXTRA))
        got = b.recvmmsg(2, 100)
        guarded = bytearray(b"\xee" * 164)
        into = b.recvmmsg_into([[memoryview(guarded)[:100]], [bytearray(100)]])
        return [
            [(len(d), d == full[:len(d)], bool(f & mod.MSG_TRUNC)) for d, _, f, _ in got],
            [(n, bool(f & mod.MSG_TRUNC)) for n, _, f, _ in into],
            bytes(guarded[:100]) == full, bytes(guarded[100:]) == b"\xee" * 64,
        ]


def test_reported_lengths_past_the_buffers(fault_worker):
    """recvmmsg never grows a message past its buffer (recvmsg's rule, with
    MSG_TRUNC saying it was cut); recvmmsg_into reports the length and
    writes nothing past the caller's buffer."""
    got, into, head_ok, guard_ok = fault_worker.run(scenario_truncated)
    assert got == [[100, True, True], [5, False, False]]
    assert into == [[100 + EXTRA, True], [5, False]]
    assert head_ok and guard_ok


def scenario_first_fails(mod, faults, method):
    a, b, names = _pair(mod)
    with a, b:
        a.sendto(b"kept", b.getsockname())
        faults.set("{m}@{h}=econnrefused*1".format(m=method, h=(b if method == "recvmmsg" else a).fileno()))
        if method == "recvmmsg":
            failed = outcome(b.recvmmsg, 4, 100)
        else:
            failed = outcome(a.sendmmsg, [([b"lost"], [], b.getsockname())])
        after = plain(b.recvmmsg(4, 100), names)
        return [list(failed[:2]), after]


@pytest.mark.parametrize("method", ["recvmmsg", "sendmmsg"])
def test_a_failed_first_message_raises(fault_worker, method):
    failed, after = fault_worker.run(scenario_first_fails, method)
    assert failed == ["raise", "ConnectionRefusedError"]
    assert after == [["bytes:" + b"kept".hex(), [], 0, "sender"]]
