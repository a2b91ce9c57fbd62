"""Blocking, non-blocking and timeout modes; default timeout; TimeoutError."""

import os
import select
import socket as std
import sys

import pytest

from sockutil import make, outcome, socketpair, udp_pair


def test_initial_mode(mod, socks):
    s = make(mod, track=socks, timeout=None)
    assert s.gettimeout() is None
    assert s.getblocking() is True


def test_setblocking_false(mod, socks):
    s = make(mod, track=socks, timeout=None)
    s.setblocking(False)
    assert s.gettimeout() == 0.0
    assert s.getblocking() is False
    s.setblocking(True)
    assert s.gettimeout() is None
    assert s.getblocking() is True


def test_settimeout_values(mod, socks):
    s = make(mod, track=socks, timeout=None)
    s.settimeout(1.5)
    assert s.gettimeout() == 1.5 and type(s.gettimeout()) is float
    assert s.getblocking() is True
    s.settimeout(0)
    assert s.gettimeout() == 0.0 and s.getblocking() is False
    s.settimeout(3)
    assert s.gettimeout() == 3.0 and type(s.gettimeout()) is float
    s.settimeout(None)
    assert s.gettimeout() is None and s.getblocking() is True


def test_setblocking_resets_timeout(mod, socks):
    s = make(mod, track=socks, timeout=None)
    s.settimeout(5)
    s.setblocking(True)
    assert s.gettimeout() is None
    s.settimeout(5)
    s.setblocking(False)
    assert s.gettimeout() == 0.0


def test_setblocking_accepts_ints(mod, socks):
    s = make(mod, track=socks, timeout=None)
    s.setblocking(0)
    assert s.getblocking() is False
    s.setblocking(1)
    assert s.getblocking() is True


def test_settimeout_negative(mod, socks):
    s = make(mod, track=socks)
    with pytest.raises(ValueError) as ei:
        s.settimeout(-1)
    with pytest.raises(ValueError):
        s.settimeout(-0.5)


def test_settimeout_negative_message_differential(both):
    msgs = []
    for m in both:
        with m.socket() as s:
            with pytest.raises(ValueError) as ei:
                s.settimeout(-1)
            msgs.append(str(ei.value))
    assert msgs[0] == msgs[1]


@pytest.mark.parametrize("bad", ["x", b"1", [1], object()], ids=["str", "bytes", "list", "object"])
def test_settimeout_wrong_type(mod, socks, bad):
    s = make(mod, track=socks)
    with pytest.raises(TypeError):
        s.settimeout(bad)


def test_settimeout_nan_and_huge_differential(both):
    res = []
    for m in both:
        with m.socket() as s:
            r = []
            # Windows' limits (the stdlib refuses past them): a 32-bit C int
            # of milliseconds (2147483.647 s, it has no poll) and a 32-bit C
            # long of timeval seconds (2**31 - 1).
            for v in (float("nan"), float("inf"), 1e300, 2**80, 2147483.647, 2147483.648, 2147484,
                      2**31 - 1, 2**31, 2**31 - 0.5):
                r.append(outcome_timeout(s, v))
            res.append(r)
    assert res[0] == res[1]


def outcome_timeout(s, v):
    try:
        s.settimeout(v)
        return ("ok", s.gettimeout())
    except Exception as e:  # noqa: BLE001
        return ("raise", type(e).__name__)


def test_default_timeout(mod):
    before = mod.getdefaulttimeout()
    assert before is None
    try:
        mod.setdefaulttimeout(0.75)
        assert mod.getdefaulttimeout() == 0.75
        with mod.socket() as s:
            assert s.gettimeout() == 0.75
        a, b = mod.socketpair()
        with a, b:
            assert a.gettimeout() == 0.75
        mod.setdefaulttimeout(0)
        with mod.socket() as s:
            assert s.getblocking() is False
            if os.name == "posix":  # the descriptor itself is non-blocking too
                assert os.get_blocking(s.fileno()) is False
    finally:
        mod.setdefaulttimeout(before)
    assert mod.getdefaulttimeout() is None
    with mod.socket() as s:
        assert s.gettimeout() is None


def test_default_timeout_accepted_socket(mod):
    try:
        mod.setdefaulttimeout(1.25)
        with mod.socket() as lst:
            lst.bind(("127.0.0.1", 0))
            lst.listen()
            with mod.create_connection(lst.getsockname()) as c:
                conn, _ = lst.accept()
                with conn:
                    assert conn.gettimeout() == 1.25
    finally:
        mod.setdefaulttimeout(None)


def test_setdefaulttimeout_bad(mod):
    with pytest.raises(ValueError):
        mod.setdefaulttimeout(-1)
    with pytest.raises(TypeError):
        mod.setdefaulttimeout("x")
    assert mod.getdefaulttimeout() is None


def test_recv_timeout_raises_timeouterror(mod, socks):
    a, b = socketpair(mod, track=socks)
    b.settimeout(0.05)
    with pytest.raises(TimeoutError) as ei:
        b.recv(1)
    e = ei.value
    assert isinstance(e, OSError)
    assert isinstance(e, mod.timeout)
    assert str(e) == "timed out"
    assert e.args == ("timed out",)
    # The socket is still usable afterwards.
    a.sendall(b"k")
    assert b.recv(1) == b"k"


@pytest.mark.parametrize("op", ["recv", "recv_into", "recvfrom", "recvfrom_into"])
def test_recv_variants_timeout(mod, socks, op):
    a, b = udp_pair(mod, track=socks)
    b.settimeout(0.05)
    args = (bytearray(4),) if op.endswith("_into") else (4,)
    with pytest.raises(TimeoutError):
        getattr(b, op)(*args)


@pytest.mark.parametrize("op", ["recv", "recv_into", "recvfrom", "recvfrom_into"])
def test_nonblocking_recv_blockingioerror(mod, socks, op):
    a, b = udp_pair(mod, track=socks)
    b.setblocking(False)
    args = (bytearray(4),) if op.endswith("_into") else (4,)
    with pytest.raises(BlockingIOError) as ei:
        getattr(b, op)(*args)
    assert isinstance(ei.value, OSError)
    assert not isinstance(ei.value, TimeoutError)


def test_nonblocking_recv_errno_differential(both):
    res = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            b.setblocking(False)
            try:
                b.recv(1)
            except OSError as e:
                res.append((type(e).__name__, e.errno, getattr(e, "winerror", None)))
    assert len(res) == 2 and res[0] == res[1]


def test_timeout_message_differential(both):
    res = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            b.settimeout(0.02)
            try:
                b.recv(1)
            except OSError as e:
                res.append((type(e).__name__, str(e), e.args, e.errno))
    assert len(res) == 2 and res[0] == res[1]


def test_timeout_then_data_arrives(mod, socks):
    import threading

    a, b = socketpair(mod, track=socks)
    b.settimeout(2)
    t = threading.Timer(0.05, lambda: a.sendall(b"late"))
    t.start()
    try:
        assert b.recv(4) == b"late"
    finally:
        t.join()


def test_connect_timeout_mode_succeeds(mod, socks):
    lst = make(mod, track=socks)
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    c = make(mod, track=socks)
    c.settimeout(1.0)
    c.connect(lst.getsockname())
    assert c.getpeername() == lst.getsockname()


def test_nonblocking_connect(mod, socks):
    lst = make(mod, track=socks)
    lst.bind(("127.0.0.1", 0))
    lst.listen()
    c = make(mod, track=socks)
    c.setblocking(False)
    err = c.connect_ex(lst.getsockname())
    import errno

    assert err in (0, errno.EINPROGRESS, errno.EWOULDBLOCK, 10035)


def _connect_never_answered(mod, call, timeout, before=lambda: None):
    """connect (or connect_ex) under `timeout` to a listener whose accept
    queue is full (Linux drops the SYN: the connection stays in SYN_SENT);
    `before()` runs just before the call. The outcome, module-neutral."""
    with mod.socket() as lst:
        lst.bind(("127.0.0.1", 0))
        lst.listen(0)
        opened = []
        try:
            for _ in range(3):  # more than the queue takes: the later SYNs are dropped
                f = mod.socket()
                opened.append(f)
                f.setblocking(False)
                f.connect_ex(lst.getsockname())
            c = mod.socket()
            opened.append(c)
            c.settimeout(timeout)
            before()
            try:
                return ("ok", getattr(c, call)(lst.getsockname()))
            except OSError as exc:
                return ("raise", type(exc).__name__, exc.errno)
        finally:
            for f in opened:
                f.close()


linux_drops_the_syn = pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="Linux drops a SYN while the accept queue is full; Windows refuses it")


@linux_drops_the_syn
@pytest.mark.parametrize("timeout", [0.3, 1e-9], ids=["0.3s", "1ns"])
@pytest.mark.parametrize("call", ["connect", "connect_ex"])
def test_connect_that_never_completes_times_out(both, call, timeout):
    """A listener whose accept queue is full leaves a new connection in
    SYN_SENT: a connect under a timeout waits that long, then gives up as
    the stdlib does (TimeoutError, or connect_ex's errno); a timeout spent
    before the first wait (1 ns) as well."""
    results = [_connect_never_answered(mod, call, timeout) for mod in both]
    assert results[0] == results[1]
    assert results[0] != ("ok", None) and results[0] != ("ok", 0), results


@linux_drops_the_syn
@pytest.mark.parametrize("call", ["connect", "connect_ex"])
def test_connect_timeout_spent_in_a_signal_handler(both, call):
    """A signal interrupts the connect's wait and its handler outlasts the
    timeout: the wait is not taken up again (PEP 475, time that is left:
    none), the connect times out as the stdlib's does."""
    import signal
    import time
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: time.sleep(0.2))
    try:
        results = []
        for mod in both:
            try:
                results.append(_connect_never_answered(
                    mod, call, 0.1, before=lambda: signal.setitimer(signal.ITIMER_REAL, 0.02)))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert results[0] == results[1]
    assert results[0] != ("ok", None) and results[0] != ("ok", 0), results


# A timeout shorter than a millisecond still waits for readiness once, for the
# millisecond it rounds up to (the stdlib's poll timeout rounds up): data that
# is already there is read, not reported as timed out.
SUB_MILLISECOND = [1e-9, 1e-6, 0.0005]


def _read_waiting(m, op, timeout):
    a, b = m.socketpair()
    with a, b:
        a.sendall(b"ready")
        assert b.recv(1, m.MSG_PEEK) == b"r"  # blocking: the bytes are there
        b.settimeout(timeout)
        try:
            if op == "recv_into":
                buf = bytearray(5)
                return b.recv_into(buf), bytes(buf)
            if op == "recvmsg":
                return b.recvmsg(5)[0]
            return getattr(b, op)(5) if op == "recv" else getattr(b, op)(5)[0]
        except OSError as e:
            return type(e).__name__


@pytest.mark.parametrize("timeout", SUB_MILLISECOND)
@pytest.mark.parametrize("op", ["recv", "recv_into", "recvfrom", "recvmsg"])
def test_sub_millisecond_timeout_reads_waiting_data_differential(both, op, timeout):
    if not hasattr(std.socket, op):
        pytest.skip(f"no {op} on this platform")
    got = [_read_waiting(m, op, timeout) for m in both]
    assert got[0] == got[1]
    assert got[0] in (b"ready", (5, b"ready"))


@pytest.mark.parametrize("timeout", SUB_MILLISECOND)
def test_sub_millisecond_timeout_accepts_waiting_connection_differential(both, timeout):
    got = []
    for m in both:
        with m.socket(m.AF_INET, m.SOCK_STREAM) as lst:
            lst.bind(("127.0.0.1", 0))
            lst.listen(1)
            with m.create_connection(lst.getsockname(), timeout=10):
                # Blocking until the connection is queued, then the short timeout.
                assert select.select([lst], [], [], 10)[0]
                lst.settimeout(timeout)
                try:
                    c, _ = lst.accept()
                    c.close()
                    got.append("accepted")
                except OSError as e:
                    got.append(type(e).__name__)
    assert got == ["accepted", "accepted"]


@pytest.mark.parametrize("timeout", SUB_MILLISECOND)
def test_sub_millisecond_timeout_without_data_times_out_differential(both, timeout):
    got = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            b.settimeout(timeout)
            try:
                b.recv(1)
                got.append("read")
            except OSError as e:
                got.append((type(e).__name__, e.args))
    assert got[0] == got[1] == ("TimeoutError", ("timed out",))


@pytest.mark.parametrize("timeout", [1e-9, 1e-6])
def test_sendall_under_a_tiny_timeout_sends_the_first_chunk_differential(both, timeout):
    """sendall's budget covers all its chunks, but the first wait gets all of
    it (rounded up to a millisecond), as the stdlib's does: a writable socket
    takes the data even under a nanosecond's timeout (a budget started at the
    call's entry had run out before the first wait)."""
    got = []
    for m in both:
        a, b = m.socketpair()
        with a, b:
            a.settimeout(timeout)
            try:
                a.sendall(b"chunk")
                got.append(b.recv(5))
            except OSError as e:
                got.append(type(e).__name__)
    assert got == [b"chunk", b"chunk"]


# Float timeouts are rounded to whole nanoseconds away from zero (up, for the
# positive ones), as the stdlib rounds them: what gettimeout gives back.
ROUNDED_TIMEOUTS = [5e-324, 1e-10, 9.999999999e-10, 1e-9, 1.0000000001e-9, 1.5e-9, 2.5e-9,
                    2 ** -30, 0.001000000001, 3.0000000001, -0.0]


@pytest.mark.parametrize("value", ROUNDED_TIMEOUTS, ids=[repr(v) for v in ROUNDED_TIMEOUTS])
def test_timeout_rounding_differential(both, value):
    got = []
    for m in both:
        with m.socket() as s:
            s.settimeout(value)
            m.setdefaulttimeout(value)
            try:
                got.append((repr(s.gettimeout()), repr(m.getdefaulttimeout())))
            finally:
                m.setdefaulttimeout(None)
    assert got[0] == got[1]


def _float_edges():
    import math
    low, high = -2 ** 63 / 1e9, 2 ** 63 / 1e9  # +-2**63 nanoseconds, as floats
    return [low, math.nextafter(low, -math.inf), high, math.nextafter(high, 0)]


@pytest.mark.parametrize("value", _float_edges(), ids=["-2**63ns", "below-2**63ns", "2**63ns", "below2**63ns"])
def test_float_timeouts_at_the_edges_of_the_clock(both, value):
    """Seconds as floats at the ends of the 64-bit nanosecond range: -2**63 ns
    converts (and is refused as negative), one step further overflows; 2**63 ns
    overflows, one step below is a timeout like any other."""
    res = []
    for m in both:
        with m.socket() as s:
            res.append((outcome(s.settimeout, value)[:2], s.gettimeout()))
    assert res[0] == res[1]
