"""socket.makefile() and SocketIO, differential against the stdlib: the
stream types per mode, the raw stream's attributes, timeouts, non-blocking
reads and writes, EINTR, and the rule that the descriptor closes only when
the socket and every stream made from it are closed."""

import contextlib
import gc
import io
import os
import signal
import sys
import threading

import pytest

from sockutil import IS_WINDOWS, outcome, socketpair

MODES = [
    # (mode, buffering, expected type name of the result)
    ("r", None, "TextIOWrapper"),
    ("w", None, "TextIOWrapper"),
    ("rw", None, "TextIOWrapper"),
    ("rb", None, "BufferedReader"),
    ("wb", None, "BufferedWriter"),
    ("rwb", None, "BufferedRWPair"),
    ("b", None, "BufferedReader"),
    ("rb", 0, "SocketIO"),
    ("wb", 0, "SocketIO"),
    ("rwb", 0, "SocketIO"),
    ("rb", 10, "BufferedReader"),
    ("wb", -1, "BufferedWriter"),
]


@pytest.mark.parametrize("mode,buffering,kind", MODES)
def test_stream_types(mod, socks, mode, buffering, kind):
    a, _ = socketpair(mod, track=socks)
    with a.makefile(mode, buffering) as f:
        assert type(f).__name__ == kind
        if kind == "SocketIO":
            assert isinstance(f, mod.SocketIO)
            assert isinstance(f, io.RawIOBase)
            assert f.mode == mode
        if kind == "TextIOWrapper":
            assert f.mode == mode
            assert isinstance(f.buffer, (io.BufferedReader, io.BufferedWriter, io.BufferedRWPair))


@pytest.mark.parametrize("args,kwargs", [
    (("x",), {}),
    (("rx",), {}),
    (("r+",), {}),
    (("r", 0), {}),
    (("w", 0), {}),
    (("rb", "1"), {}),
    (("r",), {"encoding": "no-such-codec"}),
    ((), {"newline": "x"}),
    ((1,), {}),
])
def test_bad_arguments(both, args, kwargs):
    results = []
    for m in both:
        a, b = m.socketpair()
        try:
            try:
                f = a.makefile(*args, **kwargs)
                f.close()
                results.append(("ok",))
            except Exception as exc:  # noqa: BLE001 - compared below
                results.append((type(exc).__name__, str(exc)))
        finally:
            a.close()
            b.close()
    assert results[0] == results[1]


def test_text_round_trip(mod, socks):
    a, b = socketpair(mod, track=socks)
    w = a.makefile("w", encoding="utf-8", newline="\r\n")
    r = b.makefile("r", encoding="utf-8", newline="")
    w.write("h\u00e9llo\nw\u00f6rld\n")
    w.flush()
    assert r.readline() == "h\u00e9llo\r\n"
    assert r.readline() == "w\u00f6rld\r\n"
    r.close()
    w.close()


def test_text_errors_argument(mod, socks):
    a, b = socketpair(mod, track=socks)
    r = b.makefile("r", encoding="ascii", errors="replace")
    a.sendall(b"a\xffb\n")
    assert r.readline() == "a\ufffdb\n"
    r.close()


def test_binary_round_trip_and_eof(mod, socks):
    a, b = socketpair(mod, track=socks)
    w = a.makefile("wb")
    r = b.makefile("rb")
    payload = bytes(range(256)) * 1000
    t = threading.Thread(target=lambda: (w.write(payload), w.flush(), w.close(), a.shutdown(mod.SHUT_WR)))
    t.start()
    assert r.read() == payload
    t.join()
    assert r.read() == b""
    r.close()


def test_rw_pair(mod, socks):
    a, b = socketpair(mod, track=socks)
    fa = a.makefile("rwb")
    fb = b.makefile("rwb")
    fa.write(b"ping\n")
    fa.flush()
    assert fb.readline() == b"ping\n"
    fb.write(b"pong\n")
    fb.flush()
    assert fa.readline() == b"pong\n"
    fa.close()
    fb.close()


def test_raw_attributes(both):
    rows = []
    for m in both:
        a, b = m.socketpair()
        raw = a.makefile("rwb", buffering=0)
        row = [raw.mode, raw.name == a.fileno(), raw.fileno() == a.fileno(),
               raw.readable(), raw.writable(), raw.seekable(), raw.closed, raw.isatty()]
        ro = a.makefile("rb", buffering=0)
        wo = a.makefile("wb", buffering=0)
        row += [ro.readable(), ro.writable(), wo.readable(), wo.writable(), ro.mode, wo.mode]
        row.append(outcome(ro.write, b"x")[:2])
        row.append(outcome(wo.read, 1)[:2])
        row.append(outcome(raw.tell)[:2])
        row.append(outcome(raw.seek, 0)[:2])
        for f in (raw, ro, wo):
            f.close()
        row += [raw.closed, raw.name]
        for call in (raw.readable, raw.writable, raw.seekable, raw.fileno, lambda: raw.read(1),
                     lambda: raw.write(b"x"), lambda: raw.readinto(bytearray(1))):
            try:
                call()
                row.append("ok")
            except ValueError as exc:
                row.append(("ValueError", str(exc)))
        raw.close()  # a second close is a no-op
        a.close()
        b.close()
        rows.append(row)
    assert rows[0] == rows[1]
    assert rows[1][-7:-4] == [("ValueError", "I/O operation on closed socket.")] * 3


@contextlib.contextmanager
def quiet_unraisable():
    """Collects garbage with unraisable-exception reports switched off."""
    old = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        yield
        gc.collect()
    finally:
        sys.unraisablehook = old


@pytest.mark.pysock_only
def test_half_made_socketio_is_quiet(pysock):
    a, b = pysock.socketpair()
    seen = []
    old = sys.unraisablehook
    sys.unraisablehook = seen.append
    try:
        with pytest.raises(ValueError):
            pysock.SocketIO(a, "x")
        gc.collect()
    finally:
        sys.unraisablehook = old
    assert seen == []
    assert a._io_refs == 0
    a.close()
    b.close()


def test_socketio_direct(both):
    for m in both:
        a, b = m.socketpair()
        try:
            for mode in ("r", "w", "rw", "rb", "wb", "rwb"):
                raw = m.SocketIO(a, mode)
                a._io_refs += 1
                assert raw.mode == (mode if "b" in mode else mode + "b")
                raw.close()
            with quiet_unraisable():  # the stdlib's half-made stream complains when collected
                for mode in ("", "x", "br", "rbw", "b", "wr"):
                    with pytest.raises(ValueError) as info:
                        m.SocketIO(a, mode)
                    assert str(info.value) == "invalid mode: %r" % mode
                    del info
        finally:
            a.close()
            b.close()
    assert a.fileno() == -1


def test_readinto_and_read_none_when_nonblocking(mod, socks):
    a, b = socketpair(mod, track=socks)
    b.setblocking(False)
    raw = b.makefile("rb", buffering=0)
    buf = bytearray(10)
    assert raw.readinto(buf) is None
    assert raw.read(5) is None
    a.sendall(b"abc")
    # The data may take a moment on some systems: wait for readability.
    import select
    select.select([b], [], [], 2.0)
    assert raw.readinto(buf) == 3
    assert bytes(buf[:3]) == b"abc"
    buffered = b.makefile("rb")
    assert buffered.read(5) is None  # the buffered layer passes "no data now" on
    buffered.close()
    raw.close()


def test_write_none_when_nonblocking(mod, socks):
    a, b = socketpair(mod, track=socks)
    a.setblocking(False)
    raw = a.makefile("wb", buffering=0)
    chunk = b"x" * 65536
    results = set()
    for _ in range(10000):
        n = raw.write(chunk)
        if n is None:
            results.add(None)
            break
        assert 0 < n <= len(chunk)
    assert results == {None}
    raw.close()


def test_timeout_then_reads_refused(both):
    rows = []
    for m in both:
        a, b = m.socketpair()
        b.settimeout(0.05)
        raw = b.makefile("rb", buffering=0)
        row = [outcome(raw.read, 1)[:2]]
        a.sendall(b"data")
        for _ in range(2):
            try:
                raw.read(4)
                row.append("ok")
            except OSError as exc:
                row.append((type(exc).__name__, exc.errno, str(exc)))
        # The socket itself still works: the refusal belongs to the stream.
        row.append(b.recv(4))
        raw.close()
        a.close()
        b.close()
        rows.append(row)
    assert rows[0] == rows[1]
    assert rows[1][0] == ("raise", "TimeoutError")
    assert rows[1][1] == ("OSError", None, "cannot read from timed out object")


@pytest.mark.skipif(IS_WINDOWS or not hasattr(signal, "setitimer"), reason="POSIX only: needs signal.setitimer")
def test_read_resumes_after_signal(mod, socks):
    a, b = socketpair(mod, track=socks)
    f = b.makefile("rb")
    fires = []
    old = signal.signal(signal.SIGALRM, lambda *_: fires.append(1))
    sender = threading.Timer(0.3, lambda: a.sendall(b"late\n"))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
        sender.start()
        assert f.readline() == b"late\n"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        sender.join()
    assert fires
    f.close()


@pytest.mark.skipif(IS_WINDOWS or not hasattr(signal, "setitimer"), reason="POSIX only: needs signal.setitimer")
def test_read_signal_handler_exception_propagates(mod, socks):
    a, b = socketpair(mod, track=socks)
    raw = b.makefile("rb", buffering=0)

    class Stop(Exception):
        pass

    def handler(*_):
        raise Stop

    old = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with pytest.raises(Stop):
            raw.read(1)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    # Not a timeout: the stream still reads.
    a.sendall(b"z")
    assert raw.read(1) == b"z"
    raw.close()


def _fd_open(fd):
    try:
        os.fstat(fd)
        return True
    except OSError:
        return False


@pytest.mark.skipif(IS_WINDOWS, reason="os.fstat does not take a SOCKET on Windows")
@pytest.mark.parametrize("order", ["socket-first", "files-first", "interleaved"])
def test_close_counting(mod, order):
    a, b = mod.socketpair()
    try:
        fd = a.fileno()
        f1 = a.makefile("rb")
        f2 = a.makefile("w", encoding="ascii")
        if order == "socket-first":
            a.close()
            assert a.fileno() == fd and _fd_open(fd)
            # The streams keep working on the open descriptor.
            b.sendall(b"x\n")
            assert f1.readline() == b"x\n"
            f1.close()
            assert _fd_open(fd) and a.fileno() == fd
            f2.close()
        elif order == "files-first":
            f1.close()
            f2.close()
            assert a.fileno() == fd and _fd_open(fd)
            a.close()
        else:
            f1.close()
            a.close()
            assert _fd_open(fd)
            f2.close()
        assert a.fileno() == -1
        assert not _fd_open(fd) or fd == b.fileno()
        assert "[closed]" in repr(a)
    finally:
        b.close()


def test_close_counting_state_matches_stdlib(both):
    rows = []
    for m in both:
        a, b = m.socketpair()
        f = a.makefile("rb")
        row = [a._io_refs, a._closed]
        a.close()
        row += [a._io_refs, a._closed, a.fileno() != -1]
        f.close()
        row += [a._io_refs, a._closed, a.fileno()]
        f.close()  # a stream closed twice gives its reference back once
        g = a.makefile("rb")  # even on a closed socket, as the stdlib
        row += [a._io_refs, g.raw.name if not g.closed else None]
        g.close()
        row += [a._io_refs, a.fileno()]
        b.close()
        rows.append(row)
    assert rows[0] == rows[1]


def test_with_statement_and_exit_close(mod):
    a, b = mod.socketpair()
    with a:
        with a.makefile("rb") as f:
            pass
    assert f.closed and a.fileno() == -1
    b.close()


def test_unbuffered_text_refused_but_counted(both):
    # The stdlib counts the stream before refusing unbuffered text; the raw
    # stream, once collected, gives the reference back.
    rows = []
    for m in both:
        a, b = m.socketpair()
        try:
            a.makefile("r", buffering=0)
        except ValueError as exc:
            rows.append(str(exc))
        gc.collect()
        a.close()
        rows.append(a.fileno())
        b.close()
    assert rows[:2] == rows[2:]


def test_text_encoding_default(both):
    encs = []
    for m in both:
        a, b = m.socketpair()
        f = a.makefile("r")
        encs.append(f.encoding)
        f.close()
        a.close()
        b.close()
    assert encs[0] == encs[1]


def test_no_descriptor_leak(pysock):
    from sockutil import count_fds

    before = count_fds()
    if before is None:
        pytest.skip("descriptor count unknown on this platform")
    for _ in range(20):
        a, b = pysock.socketpair()
        fa = a.makefile("rwb")
        fb = b.makefile("r", encoding="ascii")
        a.close()
        b.close()
        fa.close()
        fb.close()
    assert count_fds() == before


@pytest.mark.skipif(IS_WINDOWS, reason="a child interpreter under Wine is slow; the rule is platform-neutral")
@pytest.mark.parametrize("encoding", [None, "'utf-8'"])
def test_encoding_warning(both, encoding):
    # Under -X warn_default_encoding a text stream without an encoding warns,
    # attributed to the caller of makefile(), as open() does.
    import subprocess

    code = (
        "import sys, warnings, {m} as s\n"
        "a, b = s.socketpair()\n"
        "with warnings.catch_warnings(record=True) as w:\n"
        "    warnings.simplefilter('always')\n"
        "    f = a.makefile('r', encoding={enc})\n"
        "print([(x.category.__name__, x.filename) for x in w])\n"
        "f.close(); a.close(); b.close()\n"
    )
    outputs = []
    for m in both:
        out = subprocess.run(
            [sys.executable, "-X", "warn_default_encoding", "-c", code.format(m=m.__name__, enc=encoding)],
            capture_output=True, text=True, timeout=60, cwd=os.path.dirname(os.path.abspath(__file__)))
        assert out.returncode == 0, out.stderr
        outputs.append(out.stdout)
    assert outputs[0] == outputs[1]
    assert ("EncodingWarning" in outputs[1]) == (encoding is None)


def test_a_socketio_made_by_hand_keeps_the_count_differential(both):
    """A SocketIO made directly (not by makefile) gives back a reference it
    never took when closed; the count stays at zero, so a file made later
    still keeps the socket open after close(), as in the stdlib."""
    got = []
    for m in both:
        a, b = m.socketpair()
        with b:
            m.SocketIO(a, "rb").close()
            f = a.makefile("rb")
            a.close()
            b.sendall(b"x")
            got.append((a.fileno() != -1, outcome(f.read, 1)))
            f.close()
        got[-1] += (a.fileno(),)
    assert got[0] == got[1] == (True, ("ok", b"x"), -1)
