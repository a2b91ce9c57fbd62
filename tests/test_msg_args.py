"""Bad arguments to sendmsg / recvmsg / recvmsg_into / sendmsg_afalg raise
what the stdlib raises (type and message), in the same order, and the
socket.sendmsg audit event fires with the same arguments at the same point."""

import array
import socket as std
import sys

import pytest

from sockutil import unix_pair, stable_repr

pytestmark = pytest.mark.skipif(not hasattr(std.socket, "sendmsg"), reason="the stdlib has no sendmsg on this platform")

_events = []
# The hook stays installed for the rest of the process (audit hooks cannot
# be removed): it records only while a test asks, or every later sendmsg of
# the session would grow the list.
_recording = []


def _hook(event, args):
    if event == "socket.sendmsg" and _recording:
        _events.append(args)


sys.addaudithook(_hook)


class Weird:
    """Neither a sequence nor bytes-like."""


def outcome(fn, *args, **kwargs):
    """(result or exception type and text, audit events seen) of one call."""
    del _events[:]
    _recording.append(True)
    try:
        r = ("ok", fn(*args, **kwargs))
    except Exception as e:  # noqa: BLE001
        r = (type(e).__name__, str(e))
    finally:
        _recording.clear()
    events = [(type(s).__name__ in ("socket", "SocketType"), a) for s, a in _events]
    del _events[:]
    return r, events


SENDMSG_CALLS = [
    ((), {}),
    ((1,), {}),
    ((None,), {}),
    ((Weird(),), {}),
    (([1],), {}),
    ((["text"],), {}),
    (([b"x", 2],), {}),
    ((b"abc",), {}),  # bytes iterate as ints
    (([b"x"], 1), {}),
    (([b"x"], None), {}),
    (([b"x"], [1]), {}),
    (([b"x"], [b"abc"]), {}),
    (([b"x"], ["abc"]), {}),
    (([b"x"], [{}]), {}),
    (([b"x"], [(1, 2)]), {}),
    (([b"x"], [(1, 2, 3, 4)]), {}),
    (([b"x"], [(1, 2, 3)]), {}),
    (([b"x"], [("a", 2, b"")]), {}),
    (([b"x"], [(1, "b", b"")]), {}),
    (([b"x"], [(1, 2, "s")]), {}),
    (([b"x"], [(1.0, 2, b"")]), {}),
    (([b"x"], [(2**31, 2, b"")]), {}),
    (([b"x"], [(-2**31 - 1, 2, b"")]), {}),
    (([b"x"], [(2**70, 2, b"")]), {}),
    (([b"x"], [[1, 2, b""]]), {}),
    (([b"x"], [bytearray(b"abc")]), {}),
    (([b"x"], [], "f"), {}),
    (([b"x"], [], 1.5), {}),
    (([b"x"], [], 2**31), {}),
    (([b"x"], [], 2**70), {}),
    (([1], [], "f"), {}),
    (([1], [], 0, "/nonexistent/socket/path"), {}),
    (([b"x"], [], 0, "/nonexistent/socket/path"), {}),
    (([b"x"], [], 0, None), {}),
    (([b"x"], [], 0, None, 5), {}),
    (([b"x"],), {"flags": 0}),
    (([b"x"] * 2000,), {}),
    # (Iterators are made afresh for each module: see fresh().)
    (lambda: ((iter([b"x"]),), {})),
    (lambda: (([b"x"], iter([])), {})),
    (lambda: (((p for p in [b"a", b"b"]),), {})),
    (([memoryview(b"abcdef")[::2]],), {}),
]


def fresh(call):
    return call() if callable(call) else call


def call_id(call):
    return stable_repr(fresh(call))[:60]


@pytest.mark.parametrize("call", SENDMSG_CALLS, ids=call_id)
def test_sendmsg_arguments(both, socks, call):
    results = []
    for m in both:
        args, kwargs = fresh(call)
        results.append(outcome(unix_pair(m, socks)[0].sendmsg, *args, **kwargs))
    assert results[0] == results[1]


# An AF_UNIX address of the wrong type: the exception type matches; its
# message comes from the shared address parser (binding/address.zig), which
# words it differently from the stdlib for every method (bind, connect,
# sendto alike), so only the type and the audit events are compared here.
UNIX_BAD_ADDRESSES = [(([1], [], 0, 5), {}), (([b"x"], [], 0, ("127.0.0.1", 1)), {}), (([b"x"], [(1, 2)], 0, 5), {})]


@pytest.mark.parametrize("call", UNIX_BAD_ADDRESSES, ids=call_id)
def test_sendmsg_bad_unix_address_type(both, socks, call):
    args, kwargs = call
    results = []
    for m in both:
        (kind, _text), events = outcome(unix_pair(m, socks)[0].sendmsg, *args, **kwargs)
        results.append((kind, events))
    assert results[0] == results[1] == ("TypeError", [])


UDP_ADDRESSES = ["host", ("127.0.0.1",), ("127.0.0.1", "port"), ("127.0.0.1", 70000), ("127.0.0.1", -1), (1, 2)]


@pytest.mark.parametrize("addr", UDP_ADDRESSES, ids=stable_repr)
def test_sendmsg_bad_udp_address(both, socks, addr):
    results = []
    for m in both:
        s = socks.add(m.socket(m.AF_INET, m.SOCK_DGRAM))
        results.append(outcome(s.sendmsg, [b"x"], [], 0, addr))
    assert results[0] == results[1]


def test_sendmsg_audit_arguments(both, socks):
    for m in both:
        a, b = (socks.add(m.socket(m.AF_INET, m.SOCK_DGRAM)), socks.add(m.socket(m.AF_INET, m.SOCK_DGRAM)))
        b.bind(("127.0.0.1", 0))
        dest = b.getsockname()
        del _events[:]
        _recording.append(True)
        try:
            a.sendmsg([b"x"], [], 0, dest)
            a.connect(dest)
            a.sendmsg([b"y"], [], 0, None)
        finally:
            _recording.clear()
        assert len(_events) == 2
        assert _events[0][0] is a and _events[0][1] is dest
        assert _events[1][0] is a and _events[1][1] is None
        del _events[:]


RECVMSG_CALLS = [
    ((), {}),
    ((-1,), {}),
    ((1.0,), {}),
    (("1",), {}),
    ((2**70,), {}),
    ((-1, "x"), {}),
    ((10, -1), {}),
    ((10, 2**31 - 1, "f"), {}),
    ((10, 2**31), {}),
    ((10, 2**70), {}),
    ((10, 1.5), {}),
    ((10, 0, 2**31), {}),
    ((10, 0, 0, 1), {}),
    ((10,), {"flags": 0}),
    ((-1, -1), {}),
]


@pytest.mark.parametrize("call", RECVMSG_CALLS, ids=lambda c: stable_repr(c)[:60])
def test_recvmsg_arguments(both, socks, call):
    args, kwargs = call
    results = [outcome(unix_pair(m, socks)[0].recvmsg, *args, **kwargs) for m in both]
    assert results[0] == results[1]


RECVMSG_INTO_CALLS = [
    ((), {}),
    ((1,), {}),
    ((None,), {}),
    (([b"ro"],), {}),
    (([bytearray(1), "s"],), {}),
    (([memoryview(bytearray(8))[::2]],), {}),
    (([memoryview(b"readonly")],), {}),
    (([bytearray(1)], -1), {}),
    (([bytearray(1)], 2**31), {}),
    (([bytearray(1)], "x"), {}),
    ((1, "x"), {}),
    (([bytearray(1)], 0, "f"), {}),
    (([bytearray(1)], 0, 0, 0), {}),
    (([bytearray(1)] * 2000,), {}),
    (([bytearray(1)],), {"ancbufsize": 0}),
]


@pytest.mark.parametrize("call", RECVMSG_INTO_CALLS, ids=lambda c: stable_repr(c)[:60])
def test_recvmsg_into_arguments(both, socks, call):
    args, kwargs = call
    results = []
    for m in both:
        a, b = unix_pair(m, socks)
        b.sendmsg([b"data"])  # so that a call with good arguments returns
        a.setblocking(False)
        results.append(outcome(a.recvmsg_into, *args, **kwargs))
    assert results[0] == results[1]


# -- sendmsg_afalg --------------------------------------------------------------------
# Its argument checks need a socket whose family is AF_ALG. A UDP socket
# wrapped as family AF_ALG (socket(AF_ALG, ..., fileno=)) gives one even where
# the kernel refuses AF_ALG; UDP ignores SOL_ALG control messages, so the
# call goes through and its data arrives.

needs_afalg = pytest.mark.skipif(not hasattr(std.socket, "sendmsg_afalg"), reason="the stdlib has no sendmsg_afalg here")


def fake_alg(m, socks):
    rx = socks.add(m.socket(m.AF_INET, m.SOCK_DGRAM))
    rx.bind(("127.0.0.1", 0))
    rx.settimeout(0.2)
    tx = socks.add(m.socket(m.AF_INET, m.SOCK_DGRAM))
    tx.connect(rx.getsockname())
    alg = m.socket(m.AF_ALG, m.SOCK_SEQPACKET, 0, fileno=tx.fileno())
    return alg, rx


AFALG_CALLS = [
    ((), {}),
    ((), {"op": -1}),
    ((), {"op": 0, "assoclen": -2}),
    ((), {"op": 0, "assoclen": -1}),
    ((), {"op": "x"}),
    ((), {"op": 2**40}),
    ((), {"op": 2**80}),
    ((), {"op": 1.0}),
    ((), {"op": None}),
    ((), {"op": True}),
    (([b"x"],), {"op": 0, "iv": "s"}),
    (([b"x"],), {"op": 0, "iv": None}),
    (([b"x"], 0), {}),
    ((), {"msg": 1, "op": 0}),
    ((None,), {"op": 0}),
    (([1],), {"op": 0}),
    ((), {"op": 0, "flags": "x"}),
    ((), {"op": 0, "flags": 2**40}),
    ((), {"op": 0, "bogus": 1}),
    (([b"x"],), {"msg": [b"x"], "op": 0}),
    (([b"x"],), {"op": 0, "assoclen": None}),
    (([b"x"],), {"op": 0, "assoclen": 2**31}),
    (([b"x"],), {"op": 0, "assoclen": 2**80}),
    (([b"x"],), {"op": 0, "assoclen": "1"}),
    (([b"0123456789abcdef"],), {"op": 1, "iv": bytes(16)}),
    (([b"abc", b"def"],), {"op": 0, "iv": b"", "assoclen": 0}),
    ((), {"op": 0, "iv": bytearray(b"12345"), "assoclen": 3, "flags": 0}),
]


@needs_afalg
@pytest.mark.parametrize("call", AFALG_CALLS, ids=lambda c: stable_repr(c)[:60])
def test_sendmsg_afalg_arguments(both, socks, call):
    args, kwargs = call
    results = []
    for m in both:
        alg, rx = fake_alg(m, socks)
        try:
            r = outcome(alg.sendmsg_afalg, *args, **kwargs)
            if r[0][0] == "ok":
                try:
                    r = r + (rx.recv(100),)
                except TimeoutError:
                    r = r + ("nothing arrived",)
            results.append(r)
        finally:
            alg.detach()
    assert results[0] == results[1]


@needs_afalg
def test_sendmsg_afalg_flags(both, socks):
    """flags default to 0; MSG_MORE corks a UDP datagram (nothing arrives)."""
    for m in both:
        alg, rx = fake_alg(m, socks)
        try:
            assert alg.sendmsg_afalg([b"abc"], op=1, iv=b"12345", assoclen=3) == 3
            assert rx.recv(10) == b"abc"
            assert alg.sendmsg_afalg([b"def"], op=1, flags=m.MSG_MORE) == 3
            with pytest.raises(TimeoutError):
                rx.recv(10)
        finally:
            alg.detach()


@needs_afalg
def test_sendmsg_afalg_needs_alg_family(both, socks):
    results = []
    for m in both:
        a, _ = unix_pair(m, socks)
        results.append([outcome(a.sendmsg_afalg, *args, **kwargs) for args, kwargs in AFALG_CALLS])
    assert results[0] == results[1]
    assert results[0][0][0] == ("OSError", "algset is only supported for AF_ALG")


def test_sendmsg_with_array_payload(both, socks):
    results = []
    for m in both:
        a, b = unix_pair(m, socks)
        results.append(outcome(a.sendmsg, [array.array("i", [1, 2, 3])]) + (b.recvmsg(100)[0],))
    assert results[0] == results[1]
