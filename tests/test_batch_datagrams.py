"""pysock's batch datagrams, recvmmsg / recvmmsg_into / sendmmsg (README,
"pysock's own extensions"), held to what a loop of the stdlib's recvmsg /
sendmsg gives on the same traffic (tests/batchutil.py), over UDP on IPv4 and
IPv6 and over AF_UNIX datagram sockets: the results, the timeout modes
(blocking waits for the first message only), partial batches, ancillary
data per message, bad input and closed sockets."""
import array
import errno
import os
import socket as std
import sys
import threading
import time

import pytest

from batchutil import plain, recv_batch, recv_into_batch, recv_loop, send_batch, send_loop
from sockutil import (HAS_IPV6, HAS_UNIX, IS_LINUX, IS_WINDOWS, ebadf_expectation, linux_only, outcome,
                      posix_only, run_while_blocked, udp_pair, unix_path)

pytestmark = pytest.mark.pysock_only

FAMILIES = ["inet", "inet6", "unix"]
# Datagrams of every size class, an empty one included; all fit BUFSIZE.
TRAFFIC = [b"", b"x", bytes(range(64)), bytes(range(200)) * 5, b"\xff" * 1400]
BUFSIZE = 2048
INT = array.array("i").itemsize


def dgram_pair(mod, kind, socks, tmp_path):
    """(sender, receiver, names): two bound datagram sockets of the family
    `kind`, and a map of their addresses to the labels "sender"/"receiver"
    (for comparing runs on different sockets)."""
    if kind == "inet6" and not HAS_IPV6:
        pytest.skip("IPv6 loopback not usable")
    if kind == "unix":
        if not HAS_UNIX:
            pytest.skip("no AF_UNIX datagram sockets here")
        a = socks.add(mod.socket(mod.AF_UNIX, mod.SOCK_DGRAM))
        b = socks.add(mod.socket(mod.AF_UNIX, mod.SOCK_DGRAM))
        a.bind(unix_path(tmp_path, mod.__name__ + "-a"))
        b.bind(unix_path(tmp_path, mod.__name__ + "-b"))
        for s in (a, b):
            s.settimeout(5)
    else:
        a, b = udp_pair(mod, mod.AF_INET6 if kind == "inet6" else mod.AF_INET, track=socks)
    return a, b, {a.getsockname(): "sender", b.getsockname(): "receiver"}


def both_runs(both, scenario):
    """scenario(mod) through the stdlib and through pysock: both results."""
    return [scenario(m) for m in both]


# -- the names -------------------------------------------------------------------------

def test_methods_everywhere(pysock):
    """The same API on every platform: native calls or the backend's loop."""
    for name in ("recvmmsg", "recvmmsg_into", "sendmmsg"):
        assert callable(getattr(pysock.socket, name)), name
        assert not hasattr(std.socket, name), "the stdlib has %s now: compare with it" % name
        assert name not in pysock.__all__


@linux_only
def test_linux_batches_are_native(pysock):
    from pysock import _loader

    assert _loader.capabilities & _loader.CAP_BATCH_NATIVE


# -- receiving -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", FAMILIES)
def test_recvmmsg_equals_a_recvmsg_loop(both, kind, socks, tmp_path):
    def scenario(mod):
        a, b, names = dgram_pair(mod, kind, socks, tmp_path)
        for data in TRAFFIC:
            a.sendto(data, b.getsockname())
        first = recv_batch(b, 2, BUFSIZE)  # a partial batch: two of five
        rest = recv_batch(b, 64, BUFSIZE)  # the rest, without waiting for more
        return plain(first, names), plain(rest, names)

    expected, got = both_runs(both, scenario)
    assert got == expected
    assert [m[0] for m in got[0] + got[1]] == TRAFFIC
    assert all(m[1:] == ([], 0, "sender") for m in got[0] + got[1])


@pytest.mark.parametrize("kind", FAMILIES)
def test_recvmmsg_tells_senders_apart(both, kind, socks, tmp_path):
    """Datagrams from two senders (addresses of one length), interleaved:
    each message names its own sender, as a recvmsg loop does."""
    def scenario(mod):
        a, b, names = dgram_pair(mod, kind, socks, tmp_path)
        c = socks.add(mod.socket(a.family, mod.SOCK_DGRAM))
        c.bind(unix_path(tmp_path, mod.__name__ + "-c") if kind == "unix" else (a.getsockname()[0], 0))
        names[c.getsockname()] = "other"
        for sender, data in ((a, b"a1"), (a, b"a2"), (c, b"c1"), (a, b"a3"), (c, b"c2")):
            sender.sendto(data, b.getsockname())
        return plain(recv_batch(b, 64, BUFSIZE), names)

    expected, got = both_runs(both, scenario)
    assert got == expected
    assert [(m[0], m[3]) for m in got] == [(b"a1", "sender"), (b"a2", "sender"), (b"c1", "other"),
                                          (b"a3", "sender"), (b"c2", "other")]


@pytest.mark.parametrize("kind", FAMILIES)
def test_recvmmsg_into_equals_a_recvmsg_into_loop(both, kind, socks, tmp_path):
    def scenario(mod):
        a, b, names = dgram_pair(mod, kind, socks, tmp_path)
        for data in TRAFFIC:
            a.sendto(data, b.getsockname())
        # Scatter into two buffers per message; one entry more than arrives.
        buffers = [[bytearray(3), memoryview(bytearray(BUFSIZE))] for _ in range(len(TRAFFIC) + 1)]
        results = recv_into_batch(b, buffers)
        filled = [bytes(head) + bytes(tail[:max(0, n - 3)]) for (n, *_), (head, tail) in zip(results, buffers)]
        untouched = all(bytes(x) == bytes(len(x)) for entry in buffers[len(results):] for x in entry)
        return plain(results, names), filled, untouched

    expected, got = both_runs(both, scenario)
    assert got == expected
    results, filled, untouched = got
    assert [n for n, *_ in results] == [len(d) for d in TRAFFIC]
    assert [f[:len(d)] for f, d in zip(filled, TRAFFIC)] == TRAFFIC
    assert untouched


def test_truncated_datagram(both, socks, tmp_path):
    """A datagram longer than its buffer: the head, MSG_TRUNC in its flags,
    as recvmsg reports it (and on Windows, whose recvfrom fails with
    WSAEMSGSIZE there, the same)."""
    long = bytes(range(256)) * 4
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        a.sendto(long, b.getsockname())
        a.sendto(b"short", b.getsockname())
        if not hasattr(b, "recvmmsg") and not hasattr(b, "recvmsg"):
            return None  # the stdlib on Windows cannot say it
        return plain(recv_batch(b, 8, 100), names)

    expected, got = both_runs(both, scenario)
    if expected is not None:
        assert got == expected
    assert got == [(long[:100], [], int(std.MSG_TRUNC), "sender"), (b"short", [], 0, "sender")]


@linux_only
def test_msg_trunc_flag_reports_whole_lengths(both, socks, tmp_path):
    """MSG_TRUNC asked for: Linux reports each datagram's whole length;
    recvmmsg's data is what fitted, recvmmsg_into's count is the whole."""
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        for data in (b"0123456789", b"ab"):
            a.sendto(data, b.getsockname())
        got = plain(recv_batch(b, 8, 4, 0, mod.MSG_TRUNC), names)
        for data in (b"0123456789", b"ab"):
            a.sendto(data, b.getsockname())
        buffers = [[bytearray(4)], [bytearray(4)]]
        into = plain(recv_into_batch(b, buffers, 0, mod.MSG_TRUNC), names)
        return got, into, [bytes(x[0]) for x in buffers]

    expected, got = both_runs(both, scenario)
    assert got == expected
    assert [m[0] for m in got[1]] == [10, 2]


def test_peek_leaves_the_datagram(both, socks, tmp_path):
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        a.sendto(b"peek", b.getsockname())
        return plain(recv_batch(b, 1, 100, 0, mod.MSG_PEEK) + recv_batch(b, 1, 100), names)

    expected, got = both_runs(both, scenario)
    assert got == expected == [(b"peek", [], 0, "sender")] * 2


def test_huge_count_is_a_batch_of_what_is_there(pysock, socks, tmp_path):
    """count beyond the backend's batch limit allocates for the limit only."""
    a, b, names = dgram_pair(pysock, "inet", socks, tmp_path)
    a.sendto(b"1", b.getsockname())
    a.sendto(b"2", b.getsockname())
    assert [m[0] for m in b.recvmmsg(2**62, 16)] == [b"1", b"2"]
    a.sendto(b"3", b.getsockname())
    assert [m[0] for m in b.recvmmsg(count=10**9, bufsize=16)] == [b"3"]


def test_zero_bufsize(both, socks, tmp_path):
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        a.sendto(b"", b.getsockname())
        a.sendto(b"xy", b.getsockname())
        if not hasattr(b, "recvmmsg") and not hasattr(b, "recvmsg"):
            return None
        return plain(recv_batch(b, 4, 0), names)

    expected, got = both_runs(both, scenario)
    if expected is not None:
        assert got == expected
    assert got == [(b"", [], 0, "sender"), (b"", [], int(std.MSG_TRUNC), "sender")]


# -- timeout modes -----------------------------------------------------------------------

def _in_thread(call, limit=10.0):
    """call() in a thread: ([its result or exception], finished in time)."""
    box = []

    def run():
        try:
            box.append(call())
        except Exception as e:  # noqa: BLE001
            box.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(limit)
    return box, not t.is_alive()


@pytest.mark.parametrize("method", ["recvmmsg", "recvmmsg_into"])
def test_blocking_returns_after_the_first_message(pysock, socks, tmp_path, method):
    """Blocking mode never waits to fill the batch: one datagram there, 64
    asked for, one returned at once."""
    a, b, names = dgram_pair(pysock, "inet", socks, tmp_path)
    b.settimeout(None)
    a.sendto(b"only one", b.getsockname())
    if method == "recvmmsg":
        call = lambda: b.recvmmsg(64, 100)  # noqa: E731
    else:
        call = lambda: b.recvmmsg_into([[bytearray(100)] for _ in range(64)])  # noqa: E731
    start = time.monotonic()
    box, finished = _in_thread(call)
    if not finished:
        for _ in range(64):  # let the stuck call end before failing
            a.sendto(b"x", b.getsockname())
        pytest.fail("a blocking %s waited for more than the first message" % method)
    assert time.monotonic() - start < 8  # loosely: it did not sit out a timeout
    first = b"only one" if method == "recvmmsg" else len(b"only one")
    assert plain(box[0], names) == [(first, [], 0, "sender")]


@pytest.mark.parametrize("kind", FAMILIES)
def test_blocking_waits_for_the_first_message(pysock, kind, socks, tmp_path):
    """Nothing there: a blocking batch waits, without the GIL, until a
    datagram comes, and returns that one."""
    a, b, names = dgram_pair(pysock, kind, socks, tmp_path)
    b.settimeout(None)
    counter, result = run_while_blocked(lambda: b.recvmmsg(64, 100), lambda: a.sendto(b"late", b.getsockname()))
    assert counter > 0
    assert plain(result[0], names) == [(b"late", [], 0, "sender")]


def test_timeout_with_nothing_there(both, socks, tmp_path):
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        b.settimeout(0.05)
        return [outcome(recv_batch, b, 8, 100)[:2], outcome(recv_into_batch, b, [[bytearray(8)]])[:2]]

    expected, got = both_runs(both, scenario)
    assert got == expected == [("raise", "TimeoutError")] * 2


def test_timeout_returns_what_is_there(pysock, socks, tmp_path):
    a, b, names = dgram_pair(pysock, "inet", socks, tmp_path)
    b.settimeout(30)
    for data in (b"1", b"2", b"3"):
        a.sendto(data, b.getsockname())
    start = time.monotonic()
    assert [m[0] for m in b.recvmmsg(64, 8)] == [b"1", b"2", b"3"]
    assert time.monotonic() - start < 20  # loosely: not the timeout


def test_timeout_waits_for_the_first_message(pysock, socks, tmp_path):
    a, b, names = dgram_pair(pysock, "inet", socks, tmp_path)
    b.settimeout(10)
    counter, result = run_while_blocked(lambda: b.recvmmsg(64, 100), lambda: a.sendto(b"in time", b.getsockname()))
    assert plain(result[0], names) == [(b"in time", [], 0, "sender")]


def test_nonblocking_with_nothing_there(both, socks, tmp_path):
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        b.setblocking(False)
        return [outcome(recv_batch, b, 8, 100), outcome(recv_into_batch, b, [[bytearray(8)]])]

    expected, got = both_runs(both, scenario)
    assert got == expected
    assert got[0][1] == "BlockingIOError"


def test_nonblocking_returns_what_is_there(pysock, socks, tmp_path):
    a, b, names = dgram_pair(pysock, "inet", socks, tmp_path)
    b.setblocking(False)
    a.sendto(b"1", b.getsockname())
    a.sendto(b"2", b.getsockname())
    assert [m[0] for m in b.recvmmsg(64, 8)] == [b"1", b"2"]


# -- sending -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", FAMILIES)
def test_sendmmsg_equals_a_sendmsg_loop(both, kind, socks, tmp_path):
    def scenario(mod):
        a, b, names = dgram_pair(mod, kind, socks, tmp_path)
        to = b.getsockname()
        messages = [([data], (), to) for data in TRAFFIC]
        messages.append(([b"gat", bytearray(b"her"), memoryview(b"--ed--")[2:4]], [], to))
        messages.append([(c for c in [b"any ", b"iterables"]), iter(()), to])
        sent = send_batch(a, messages)
        return sent, plain(recv_loop(b, 64, BUFSIZE), names)

    expected, got = both_runs(both, scenario)
    assert got == expected
    assert got[0] == len(TRAFFIC) + 2
    assert [m[0] for m in got[1]] == TRAFFIC + [b"gathered", b"any iterables"]


def test_sendmmsg_connected_without_addresses(both, socks, tmp_path):
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        a.connect(b.getsockname())
        sent = send_batch(a, [([b"one"],), ([b"two"], ()), ([b"three"], [], None)])
        return sent, plain(recv_loop(b, 64, BUFSIZE), names)

    expected, got = both_runs(both, scenario)
    assert got == expected
    assert got == (3, [(b"one", [], 0, "sender"), (b"two", [], 0, "sender"), (b"three", [], 0, "sender")])


def test_sendmmsg_fresh_address_objects(pysock, socks, tmp_path):
    """A message sequence that makes its address afresh on every access (the
    old one freed at once, its memory free for the next): each message still
    goes where its own address says."""
    a, b, _ = dgram_pair(pysock, "inet", socks, tmp_path)
    c = socks.add(pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM))
    c.bind(("127.0.0.1", 0))

    class Message:
        def __init__(self, data, port):
            self.data, self.port = data, port

        def __len__(self):
            return 3

        def __getitem__(self, i):
            if i >= 3:
                raise IndexError(i)
            return ([self.data], [], ("127.0.0.1", self.port))[i]

    ports = [b.getsockname()[1], c.getsockname()[1]] * 4
    assert a.sendmmsg([Message(b"%d" % i, port) for i, port in enumerate(ports)]) == len(ports)
    b.settimeout(5)
    c.settimeout(5)
    assert [m[0] for m in b.recvmmsg(16, 8)] == [b"0", b"2", b"4", b"6"]
    assert [m[0] for m in c.recvmmsg(16, 8)] == [b"1", b"3", b"5", b"7"]


def test_sendmmsg_same_address_tuple_with_a_changing_port(both, socks, tmp_path):
    """One address tuple object for every message, its port an int-like
    object that answers __index__ with the next receiver's port each time:
    each message goes where its address says when it is read, as a sendmsg
    loop sends them (the tuple is not taken for one that parses the same)."""
    def scenario(mod):
        a, b, _ = dgram_pair(mod, "inet", socks, tmp_path)
        c = socks.add(mod.socket(mod.AF_INET, mod.SOCK_DGRAM))
        c.bind(("127.0.0.1", 0))
        c.settimeout(5)
        ports = iter([b.getsockname()[1], c.getsockname()[1]] * 4)

        class NextPort:
            def __index__(self):
                return next(ports)

        where = ("127.0.0.1", NextPort())
        send_batch(a, [([b"%d" % i], [], where) for i in range(4)])
        return [m[0] for m in recv_batch(b, 8, 16)], [m[0] for m in recv_batch(c, 8, 16)]

    expected, got = both_runs(both, scenario)
    assert got == expected == ([b"0", b"2"], [b"1", b"3"])


@pytest.mark.parametrize("count", [1024, 1025], ids=["iov-max", "past"])
def test_buffers_per_message_at_the_limit(both, socks, tmp_path, count):
    """A message of 1024 buffers (IOV_MAX on Linux, and the Windows backend's
    own limit) is sent and received; one of 1025 is EMSGSIZE and nothing
    moves. The oracle: the stdlib's sendmsg of the same buffers where it
    has one, else that rule."""
    import errno

    def scenario(mod):
        a, b, _ = dgram_pair(mod, "inet", socks, tmp_path)
        try:
            sent = send_batch(a, [([b"x"] * count, [], b.getsockname())])
        except OSError as e:
            sent = ("raise", e.errno)
        b.setblocking(False)
        try:
            got = recv_into_batch(b, [[bytearray(1) for _ in range(count)]])
            got = [m[0] for m in got]
        except OSError as e:
            got = ("raise", e.errno)
        return sent, got

    expected, got = both_runs(both, scenario)
    if count == 1024:
        assert got == expected == (1, [1024])
    else:
        assert got[0] == ("raise", errno.EMSGSIZE)
        if hasattr(both[0].socket, "sendmsg"):  # (Windows' stdlib joins the buffers: no oracle there)
            assert got == expected


def test_sendmmsg_of_nothing(pysock, socks, tmp_path):
    a, b, names = dgram_pair(pysock, "inet", socks, tmp_path)
    assert a.sendmmsg([]) == 0
    assert a.sendmmsg(iter([])) == 0


def test_sendmmsg_error_after_the_first_ends_the_batch(both, socks, tmp_path):
    """A message the OS refuses (too long for UDP) after one was sent: the
    count of those sent, not an error; as the first message: its error."""
    too_long = b"x" * 70000

    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        to = b.getsockname()
        partial = send_batch(a, [([b"sent"], [], to), ([too_long], [], to), ([b"never"], [], to)])
        first = outcome(send_batch, a, [([too_long], [], to), ([b"never"], [], to)])
        b.setblocking(False)
        arrived = plain(recv_loop(b, 64, BUFSIZE), names)
        return partial, first, arrived

    expected, got = both_runs(both, scenario)
    assert got == expected
    partial, first, arrived = got
    assert partial == 1
    assert first[:2] == ("raise", "OSError") and first[2] == errno.EMSGSIZE
    assert arrived == [(b"sent", [], 0, "sender")]


@posix_only
def test_sendmmsg_partial_when_the_queue_is_full(both, socks):
    """A non-blocking sender whose peer's queue fills up: the messages that
    went, as a count (the same as a sendmsg loop sends); then, with nothing
    more taken, BlockingIOError / TimeoutError as sendmsg raises."""
    def scenario(mod):
        a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
        socks.add(a)
        socks.add(b)
        a.setblocking(False)
        messages = [([b"%04d" % i],) for i in range(500)]
        sent = send_batch(a, messages)
        again = outcome(send_batch, a, messages)[:3]
        a.settimeout(0.05)
        timed = outcome(send_batch, a, messages)[:2]
        b.setblocking(False)
        received = []
        while True:
            try:
                received.append(b.recv(16))
            except BlockingIOError:
                break
        return sent, again, timed, received

    expected, got = both_runs(both, scenario)
    assert got == expected
    sent, again, timed, received = got
    assert 1 <= sent < 500
    assert again[1] == "BlockingIOError" and timed[1] == "TimeoutError"
    assert received == [b"%04d" % i for i in range(sent)]


def test_blocking_sendmmsg_releases_the_gil(pysock, socks):
    """A blocked batch send (the peer's queue full) lets other threads run."""
    if not HAS_UNIX:
        pytest.skip("no AF_UNIX datagram sockets here")
    a, b = pysock.socketpair(pysock.AF_UNIX, pysock.SOCK_DGRAM)
    socks.add(a)
    socks.add(b)
    a.setblocking(False)
    while True:
        try:
            a.send(b"fill")
        except BlockingIOError:
            break
    a.setblocking(True)
    drained = []

    def drain():
        b.setblocking(False)
        while True:
            try:
                drained.append(b.recv(16))
            except BlockingIOError:
                break

    counter, result = run_while_blocked(lambda: a.sendmmsg([([b"after"],)] * 3), drain)
    assert counter > 0
    assert result == [3]


# -- ancillary data per message ----------------------------------------------------------

@posix_only
def test_scm_rights_per_message(both, socks, tmp_path):
    """Each message carries its own descriptors, and gets them back."""
    if not hasattr(std, "SCM_RIGHTS"):
        pytest.skip("no SCM_RIGHTS")
    path = tmp_path / "f"
    path.write_bytes(b"")
    fd = os.open(str(path), os.O_RDONLY)
    try:
        def scenario(mod):
            a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
            socks.add(a)
            socks.add(b)
            rights = lambda *fds: [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", fds))]  # noqa: E731
            sent = send_batch(a, [([b"one"], rights(fd)), ([b"two"], rights(fd, fd)), ([b"none"], [])])
            got = recv_batch(b, 8, 100, mod.CMSG_SPACE(4 * INT))
            shape, same_file = [], []
            for data, ancdata, msg_flags, _ in got:
                fds = []
                for level, kind, payload in ancdata:
                    fds.extend(array.array("i", payload[:len(payload) - len(payload) % INT]))
                    shape.append((level, kind, len(payload)))
                for received in fds:
                    same_file.append(os.fstat(received).st_ino == os.fstat(fd).st_ino)
                    os.close(received)
                shape.append((data, int(msg_flags), len(fds)))
            return sent, shape, same_file

        expected, got = both_runs(both, scenario)
    finally:
        os.close(fd)
    assert got == expected
    assert got[0] == 3 and got[2] == [True] * 3
    assert [s for s in got[1] if isinstance(s[0], bytes)] == [(b"one", 0, 1), (b"two", 0, 2), (b"none", 0, 0)]


@posix_only
def test_ctrunc_per_message(both, socks):
    """A control buffer too small for a message's descriptors: MSG_CTRUNC
    in that message's flags, as recvmsg gives it."""
    if not hasattr(std, "SCM_RIGHTS"):
        pytest.skip("no SCM_RIGHTS")
    r, w = os.pipe()
    try:
        def scenario(mod):
            a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
            socks.add(a)
            socks.add(b)
            four = [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", [r, w, r, w]))]
            send_batch(a, [([b"small"], []), ([b"big"], four)])
            got = recv_batch(b, 8, 100, mod.CMSG_SPACE(INT))
            out = []
            for data, ancdata, msg_flags, _ in got:
                for _, _, payload in ancdata:
                    for received in array.array("i", payload[:len(payload) - len(payload) % INT]):
                        os.close(received)
                out.append((data, bool(msg_flags & mod.MSG_CTRUNC)))
            return out

        expected, got = both_runs(both, scenario)
    finally:
        os.close(r)
        os.close(w)
    assert got == expected == [(b"small", False), (b"big", True)]


@linux_only
@pytest.mark.parametrize("kind", ["inet", "inet6"])
def test_pktinfo_per_message(both, kind, socks, tmp_path):
    """IP_PKTINFO / IPV6_PKTINFO: each message's own control data, the same
    bytes recvmsg gives."""
    if kind == "inet" and not hasattr(std, "IP_PKTINFO"):
        pytest.skip("the stdlib has no IP_PKTINFO on this Python")

    def scenario(mod):
        a, b, names = dgram_pair(mod, kind, socks, tmp_path)
        if kind == "inet":
            b.setsockopt(mod.IPPROTO_IP, mod.IP_PKTINFO, 1)
        else:
            b.setsockopt(mod.IPPROTO_IPV6, mod.IPV6_RECVPKTINFO, 1)
        for data in (b"a", b"bb", b"ccc"):
            a.sendto(data, b.getsockname())
        return plain(recv_batch(b, 8, 100, 256), names)

    expected, got = both_runs(both, scenario)
    assert got == expected
    assert [m[0] for m in got] == [b"a", b"bb", b"ccc"]
    assert all(len(m[1]) == 1 for m in got)


@pytest.mark.skipif(hasattr(std.socket, "sendmsg"), reason="ancillary data is sent here (the tests above)")
def test_no_ancillary_data_where_the_stdlib_has_no_sendmsg(pysock, socks, tmp_path):
    """Windows: no control messages either way, as its stdlib has none."""
    a, b, names = dgram_pair(pysock, "inet", socks, tmp_path)
    to = b.getsockname()
    with pytest.raises(OSError, match="no ancillary data"):
        a.sendmmsg([([b"never"], [], to), ([b"x"], [(pysock.SOL_SOCKET, 1, b"1234")], to)])
    assert a.sendmmsg([([b"sent"], [], to), ([b"too"], (), to)]) == 2
    assert plain(b.recvmmsg(4, 16, 64), names) == [(b"sent", [], 0, "sender"), (b"too", [], 0, "sender")]


# -- UDP segmentation offload (Linux) ------------------------------------------------------

def _gso_or_skip(call):
    try:
        return call()
    except OSError as e:
        if e.errno in (errno.ENOPROTOOPT, errno.EOPNOTSUPP, errno.EINVAL, errno.EIO):
            pytest.skip("the kernel has no UDP segmentation offload here: %s" % e)
        raise


@linux_only
def test_udp_offload_constants(pysock):
    # Where the stdlib has the names, their values must agree (test_constants
    # holds every stdlib constant to that); the kernel must know ours.
    for name in ("UDP_SEGMENT", "UDP_GRO"):
        assert isinstance(getattr(pysock, name), int)
        if hasattr(std, name):
            assert getattr(pysock, name) == getattr(std, name)
            assert name in pysock.__all__
        else:
            assert name not in pysock.__all__
    s = pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM)
    with s:
        _gso_or_skip(lambda: s.setsockopt(pysock.SOL_UDP, pysock.UDP_SEGMENT, 500))
        assert s.getsockopt(pysock.SOL_UDP, pysock.UDP_SEGMENT) == 500
        _gso_or_skip(lambda: s.setsockopt(pysock.SOL_UDP, pysock.UDP_GRO, 1))
        assert s.getsockopt(pysock.SOL_UDP, pysock.UDP_GRO) == 1


SEGMENTED = bytes(range(256)) * 4  # 1024 bytes: segments of 300, 300, 300, 124


@linux_only
@pytest.mark.parametrize("how", ["setsockopt", "cmsg"])
def test_udp_segment_splits_a_send(both, pysock, how, socks, tmp_path):
    """One send of 1024 bytes with a segment size of 300 arrives as four
    datagrams, received in one recvmmsg, as a recvmsg loop receives them."""
    import struct

    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        to = b.getsockname()
        if how == "setsockopt":
            _gso_or_skip(lambda: a.setsockopt(mod.SOL_UDP, pysock.UDP_SEGMENT, 300))
            _gso_or_skip(lambda: a.sendto(SEGMENTED, to))
        else:
            item = (mod.SOL_UDP, pysock.UDP_SEGMENT, struct.pack("=H", 300))
            assert _gso_or_skip(lambda: send_batch(a, [([SEGMENTED], [item], to)] * 2)) == 2
        return plain(recv_batch(b, 64, BUFSIZE), names)

    expected, got = both_runs(both, scenario)
    assert got == expected
    copies = 1 if how == "setsockopt" else 2
    pieces = [SEGMENTED[i:i + 300] for i in range(0, len(SEGMENTED), 300)] * copies
    assert got == [(p, [], 0, "sender") for p in pieces]


@linux_only
def test_udp_gro_coalesces_with_its_control_message(both, pysock, socks, tmp_path):
    """A receiver with UDP_GRO may get the segments back as one datagram,
    with (SOL_UDP, UDP_GRO, C int) in its ancillary data: raw bytes, as
    recvmsg gives them; gro_segment_size() reads the size."""
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        _gso_or_skip(lambda: b.setsockopt(mod.SOL_UDP, pysock.UDP_GRO, 1))
        _gso_or_skip(lambda: a.setsockopt(mod.SOL_UDP, pysock.UDP_SEGMENT, 300))
        a.sendto(SEGMENTED, b.getsockname())
        a.sendto(b"alone", b.getsockname())
        time.sleep(0.05)  # (loopback delivers at once; GRO may hold a moment)
        return plain(recv_batch(b, 64, 4096, 64), names)

    expected, got = both_runs(both, scenario)
    assert got == expected
    data = b"".join(m[0] for m in got[:-1])
    assert data == SEGMENTED and got[-1][0] == b"alone"
    sizes = [pysock.gro_segment_size(m[1]) for m in got]
    if len(got) == 2:  # coalesced
        assert got[0][1] == [(pysock.SOL_UDP, pysock.UDP_GRO, array.array("i", [300]).tobytes())]
        assert sizes == [300, None] or sizes == [300, 5]
    else:  # this kernel delivered the segments one by one
        assert set(sizes[:-1]) <= {None, 300}


@linux_only
def test_gro_segment_size_reads_only_its_item(pysock):
    gro = (pysock.SOL_UDP, pysock.UDP_GRO, array.array("i", [1200]).tobytes())
    other = (pysock.SOL_SOCKET, pysock.SCM_RIGHTS, array.array("i", [7]).tobytes())
    assert pysock.gro_segment_size([other, gro]) == 1200
    assert pysock.gro_segment_size([other]) is None
    assert pysock.gro_segment_size([]) is None
    with pytest.raises(ValueError):
        pysock.gro_segment_size([(pysock.SOL_UDP, pysock.UDP_GRO, b"\x01")])


# -- bad input -----------------------------------------------------------------------------

def _described(call):
    """(exception class name, message with the method names made alike)."""
    try:
        call()
    except Exception as e:  # noqa: BLE001
        text = str(e)
        for ours, theirs in (("recvmmsg_into", "recvmsg_into"), ("recvmmsg", "recvmsg"), ("sendmmsg", "sendmsg")):
            text = text.replace(ours, theirs)
        return type(e).__name__, text
    return "ok", None


BAD_SIZES = [-1, 2**63, "1", 1.5, None, 2**62]
BAD_ANCBUFSIZES = [-1, 2**31, 2**63, "1", 1.5]
BAD_FLAGS = [2**31, -2**31 - 1, "0", 1.5]


def test_recvmmsg_bad_sizes_raise_as_recvmsg(pysock, socks, tmp_path):
    if not hasattr(std.socket, "recvmsg"):
        pytest.skip("no stdlib recvmsg to compare with here")
    a, b, _ = dgram_pair(pysock, "inet", socks, tmp_path)
    s = socks.add(std.socket(std.AF_INET, std.SOCK_DGRAM))
    b.setblocking(False)
    s.setblocking(False)
    cases = [(size, 0, 0) for size in BAD_SIZES] + [(8, anc, 0) for anc in BAD_ANCBUFSIZES] + \
        [(8, 0, flags) for flags in BAD_FLAGS] + [(-1, -1, 0), (-1, "x", 0)]
    for size, anc, flags in cases:
        theirs = _described(lambda: s.recvmsg(size, anc, flags))
        assert theirs[0] != "ok"
        assert _described(lambda: b.recvmmsg(4, size, anc, flags)) == theirs, (size, anc, flags)
        if size == 8:
            assert _described(lambda: b.recvmmsg_into([[bytearray(8)]], anc, flags)) == theirs, (anc, flags)


@pytest.mark.parametrize("count", [0, -1, -2**63])
def test_recvmmsg_count_must_be_positive(pysock, socks, tmp_path, count):
    a, b, _ = dgram_pair(pysock, "inet", socks, tmp_path)
    with pytest.raises(ValueError, match="count must be positive"):
        b.recvmmsg(count, 8)


@pytest.mark.parametrize("count,exc", [("1", TypeError), (1.0, TypeError), (None, TypeError), (2**63, OverflowError)])
def test_recvmmsg_count_types(pysock, socks, tmp_path, count, exc):
    a, b, _ = dgram_pair(pysock, "inet", socks, tmp_path)
    with pytest.raises(exc):
        b.recvmmsg(count, 8)


def test_recvmmsg_arguments(pysock, socks, tmp_path):
    a, b, names = dgram_pair(pysock, "inet", socks, tmp_path)
    b.setblocking(False)
    for call, message in [
        (lambda: b.recvmmsg(), r"missing required argument 'count' \(pos 1\)"),
        (lambda: b.recvmmsg(1), r"missing required argument 'bufsize' \(pos 2\)"),
        (lambda: b.recvmmsg(1, 2, 3, 4, 5), r"takes at most 4 arguments \(5 given\)"),
        (lambda: b.recvmmsg(1, 2, size=3), r"'size' is an invalid keyword argument for recvmmsg\(\)"),
        (lambda: b.recvmmsg(1, 2, bufsize=3), r"argument for recvmmsg\(\) given by name \('bufsize'\) and position \(2\)"),
        (lambda: b.recvmmsg_into(), r"missing required argument 'buffers' \(pos 1\)"),
        (lambda: b.sendmmsg(), r"missing required argument 'messages' \(pos 1\)"),
        (lambda: b.sendmmsg([], flags=0, x=1), r"takes at most 2 arguments \(3 given\)"),
    ]:
        with pytest.raises(TypeError, match=message):
            call()
    a.sendto(b"kw", b.getsockname())
    assert plain(b.recvmmsg(bufsize=8, count=2, flags=0, ancbufsize=0), names) == [(b"kw", [], 0, "sender")]
    a.sendto(b"kw", b.getsockname())
    buf = bytearray(4)
    assert plain(b.recvmmsg_into(buffers=[[buf]], flags=0), names) == [(2, [], 0, "sender")]


def test_recvmmsg_into_bad_buffers(pysock, socks, tmp_path):
    a, b, _ = dgram_pair(pysock, "inet", socks, tmp_path)
    b.setblocking(False)
    with pytest.raises(ValueError):
        b.recvmmsg_into([])
    for bad in (5, [5], [[b"read-only"]], [["str"]], [bytearray(4)], [[bytearray(4)], [memoryview(b"ro")]]):
        with pytest.raises(TypeError):
            b.recvmmsg_into(bad)
    # Nothing received into the good entries of a refused call.
    good = bytearray(4)
    a.sendto(b"data", b.getsockname())
    with pytest.raises(TypeError):
        b.recvmmsg_into([[good], [b"bad"]])
    assert good == bytearray(4)
    assert b.recvmmsg_into([[good]])[0][0] == 4 and good == b"data"


def test_sendmmsg_bad_messages(pysock, socks, tmp_path):
    a, b, _ = dgram_pair(pysock, "inet", socks, tmp_path)
    to = b.getsockname()
    for bad in (5, [5], [b"datagram"], ["str"], [bytearray(b"x")], [()], [([b"x"], [], to, 0)], [None]):
        with pytest.raises(TypeError):
            a.sendmmsg(bad)
    with pytest.raises(TypeError):
        a.sendmmsg([([b"x"], [], to)], "0")
    with pytest.raises(OverflowError):
        a.sendmmsg([([b"x"], [], to)], 2**31)


def test_sendmmsg_bad_parts_raise_as_sendmsg(pysock, socks, tmp_path):
    """Each part of a message is checked as sendmsg checks that argument;
    a batch with one bad message sends none."""
    if not hasattr(std.socket, "sendmsg"):
        pytest.skip("no stdlib sendmsg to compare with here")
    a, b, _ = dgram_pair(pysock, "inet", socks, tmp_path)
    s = socks.add(std.socket(std.AF_INET, std.SOCK_DGRAM))
    to = b.getsockname()
    cases = [
        (["str"], [], to), (5, [], to), ([5], [], to),
        ([b"x"], 5, to), ([b"x"], [(1, 2)], to), ([b"x"], [b"abc"], to), ([b"x"], [(1, 2, "s")], to),
        ([b"x"], [("a", 2, b"")], to), ([b"x"], [(2**31, 2, b"")], to),
        ([b"x"], [], "nonsense"), ([b"x"], [], ("127.0.0.1",)), ([b"x"], [], ("127.0.0.1", 2**16)),
        ([b"x"], [], ("no such host name.invalid", 9)),
    ]
    for buffers, ancdata, address in cases:
        theirs = _described(lambda: s.sendmsg(buffers, ancdata, 0, address))
        assert theirs[0] != "ok", (buffers, ancdata, address)
        ours = _described(lambda: a.sendmmsg([([b"fine"], [], to), (buffers, ancdata, address)]))
        # (Same types; the same words, except where sendmsg names its
        # argument by position, which a message's part does not have, and
        # from the resolver, whose words may vary.)
        if theirs[0] == "gaierror" or "() argument 1 " in theirs[1] or "() argument 2 " in theirs[1]:
            assert ours[0] == theirs[0], (buffers, ancdata, address)
        else:
            assert ours == theirs, (buffers, ancdata, address)
    b.setblocking(False)
    with pytest.raises(BlockingIOError):
        b.recv(100)  # the good first messages were never sent


def test_closed_socket_is_ebadf(pysock):
    expected = ebadf_expectation()
    s = pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM)
    s.close()
    for call in (lambda: s.recvmmsg(4, 8), lambda: s.recvmmsg_into([[bytearray(8)]]),
                 lambda: s.sendmmsg([([b"x"], [], ("127.0.0.1", 9))])):
        with pytest.raises(OSError) as info:
            call()
        assert (info.value.errno, getattr(info.value, "winerror", None)) == expected


def test_refcounts_and_memory_stay_put(pysock, socks, tmp_path):
    """Many batches leave no reference behind on the buffers they used."""
    a, b, _ = dgram_pair(pysock, "inet", socks, tmp_path)
    b.settimeout(5)
    data = bytearray(b"payload")
    buf = bytearray(16)
    before = (sys.getrefcount(data), sys.getrefcount(buf))
    for _ in range(200):
        assert a.sendmmsg([([data], [], b.getsockname())] * 4) == 4
        got = 0
        while got < 4:
            got += len(b.recvmmsg_into([[buf]] * 4))
    assert (sys.getrefcount(data), sys.getrefcount(buf)) == before
    # The buffers are released: a bytearray can be resized again.
    data.extend(b"!")
    buf.extend(b"!")


# -- every buffer taken is given back ---------------------------------------------------

def _resizable(*objs):
    """True when none of `objs` is still exported (a held buffer view makes
    resizing a bytearray or an array raise BufferError)."""
    for o in objs:
        try:
            o.extend(o[:1])
        except BufferError:
            return False
    return True


@posix_only
def test_sendmmsg_releases_the_buffers_it_took(pysock, socks):
    """After the call, sent or refused, no payload or ancillary buffer stays
    exported (a view left held pins the object and keeps it from resizing)."""
    if not hasattr(std, "SCM_RIGHTS"):
        pytest.skip("no SCM_RIGHTS")
    a, b = pysock.socketpair(pysock.AF_UNIX, pysock.SOCK_DGRAM)
    socks.add(a)
    socks.add(b)
    payload, rights = bytearray(b"data"), array.array("i", [a.fileno()])
    ancdata = [(pysock.SOL_SOCKET, pysock.SCM_RIGHTS, rights)]
    assert a.sendmmsg([([payload], ancdata), ([bytearray(b"two")], [])]) == 2
    assert _resizable(payload, rights)
    # A later message that is refused: the first one's buffers, taken already, too.
    payload, rights = bytearray(b"data"), array.array("i", [a.fileno()])
    ancdata = [(pysock.SOL_SOCKET, pysock.SCM_RIGHTS, rights)]
    with pytest.raises(TypeError):
        a.sendmmsg([([payload], ancdata), ([b"x"], [(0, 0, 0)])])
    assert _resizable(payload, rights)
    for _ in range(2):
        for _, got, _, _ in b.recvmmsg(1, 16, pysock.CMSG_SPACE(INT)):
            for level, kind, data in got:
                os.close(array.array("i", data[:INT])[0])


def test_sendmmsg_keeps_no_reference_to_the_addresses(pysock, socks):
    """The destination objects are held only during the call: their
    reference counts are back where they were, sent or refused."""
    a, b = udp_pair(pysock, track=socks)
    to = tuple(b.getsockname())  # a tuple of this test's own
    before = sys.getrefcount(to)
    for _ in range(20):
        assert a.sendmmsg([([b"x"], [], to), ([b"y"], [], to)]) == 2
        with pytest.raises(TypeError):
            a.sendmmsg([([b"x"], [], to), ([b"y"], [], 7)])
    assert sys.getrefcount(to) == before


@pytest.mark.skipif(sys.version_info < (3, 12), reason="__buffer__ (Python code run while a buffer is taken) is 3.12's")
@pytest.mark.parametrize("call", ["recvmmsg_into", "sendmmsg"])
def test_buffer_list_shrunk_while_taken_raises(pysock, socks, call):
    """An item's __buffer__ empties the list being read: IndexError, never a
    read past the list or a message with buffers never taken (the stdlib's
    recvmsg_into and sendmsg crash on this)."""
    a, b = udp_pair(pysock, track=socks)
    inner = []

    class Shrinks:
        def __buffer__(self, flags):
            inner.clear()
            return memoryview(bytearray(10))

    inner[:] = [Shrinks(), bytearray(10)]
    a.sendto(b"hello", b.getsockname())
    with pytest.raises(IndexError):
        if call == "recvmmsg_into":
            b.recvmmsg_into([inner])
        else:
            a.sendmmsg([(inner, [], b.getsockname())])


def test_truncated_datagram_into_buffers(both, socks, tmp_path):
    """recvmmsg_into of a datagram longer than its buffers: the count is what
    the buffers took (their lengths summed), MSG_TRUNC in the flags, as
    recvmsg_into reports it (Windows' WSAEMSGSIZE the same)."""
    long = bytes(range(256)) * 4

    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        a.sendto(long, b.getsockname())
        buffers = [[bytearray(60), bytearray(40)]]
        if not hasattr(b, "recvmmsg_into") and not hasattr(b, "recvmsg_into"):
            return None  # the stdlib on Windows cannot say it
        got = plain(recv_into_batch(b, buffers), names)
        return got, [bytes(x) for x in buffers[0]]

    expected, got = both_runs(both, scenario)
    if expected is not None:
        assert got == expected
    assert got == ([(100, [], int(std.MSG_TRUNC), "sender")], [long[:60], long[60:100]])


def test_too_many_buffers_for_one_message(both, socks, tmp_path):
    """A message of more buffers than Linux's IOV_MAX (1024): EMSGSIZE, as
    recvmsg_into and sendmsg get there, and the datagram waiting stays."""
    def scenario(mod):
        a, b, names = dgram_pair(mod, "inet", socks, tmp_path)
        to = b.getsockname()
        a.sendto(b"waiting", to)
        if not hasattr(b, "recvmmsg_into") and not hasattr(b, "recvmsg_into"):
            return None  # the stdlib on Windows has no call that takes buffers
        received = outcome(recv_into_batch, b, [[bytearray(1)] * 1025])
        sent = outcome(send_batch, a, [([b"x"] * 1025, [], to)])
        return received[:3], sent[:3], b.recvfrom(100)[0]

    expected, got = both_runs(both, scenario)
    if expected is not None:
        assert got == expected
    assert got == (("raise", "OSError", errno.EMSGSIZE), ("raise", "OSError", errno.EMSGSIZE), b"waiting")
