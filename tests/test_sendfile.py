"""socket.sendfile(): the kernel's copy (os.sendfile() on Linux and BSD,
TransmitFile on Windows), the send() fallback, argument checks, timeouts and
the file position, against the stdlib.

The Windows stdlib always takes its send() loop; pysock's TransmitFile path
must give the same results, so every comparison here holds on Windows too.
TransmitFile serves blocking sockets only (a socket with a timeout takes the
loop), so the tests run both modes. A blocking sender needs a reader: each
test's reader thread runs while the sender holds no GIL (a kernel copy that
kept it would never finish), and closes its socket if it gives up, so a
stuck sender fails instead of hanging.
"""

import io
import os
import tempfile
import threading
import time

import pytest

from sockutil import IS_WINDOWS, outcome, socketpair, tcp_connection

DATA = bytes(range(256)) * 4096 + b"tail"  # 1 MiB and a bit
# Larger than TransmitFile's range per call (pysock._sendfile._TRANSMIT_BLOCK,
# 8 MiB) twice over; a prime period shows a range lost, repeated or shifted.
BIG = bytes(range(251)) * (20 * 2 ** 20 // 251) + b"end"
MODES = ["blocking", "timeout"]


def _set_mode(sock, mode):
    sock.settimeout(None if mode == "blocking" else 10.0)


def _transmits(mod):
    """True where `mod` sends files with TransmitFile (pysock on Windows)."""
    return hasattr(mod.socket, "_transmitfile")


@pytest.fixture
def datafile():
    f = tempfile.TemporaryFile()
    f.write(DATA)
    f.seek(0)
    yield f
    f.close()


@pytest.fixture
def emptyfile():
    f = tempfile.TemporaryFile()
    yield f
    f.close()


def _drain(sock, out):
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            out.append(chunk)
    except OSError:
        sock.close()  # a blocking sender then fails instead of waiting forever
        raise


def _send_and_collect(sender, receiver, *args, **kwargs):
    """Runs sender.sendfile(*args) while a thread reads; returns (result, received)."""
    got = []
    t = threading.Thread(target=_drain, args=(receiver, got))
    t.start()
    try:
        result = outcome(sender.sendfile, *args, **kwargs)
    finally:
        sender.shutdown(sender.SHUT_WR if hasattr(sender, "SHUT_WR") else 1)
        t.join()
    return result, b"".join(got)


@pytest.mark.parametrize("offset,count", [
    (0, None), (10, None), (0, 1), (5, 100_000), (len(DATA) - 3, None),
    (len(DATA) - 3, 1000), (len(DATA) + 10, None), (0, len(DATA) * 2), (123, 3 * 2 ** 20),
])
@pytest.mark.parametrize("conn", ["socketpair", "tcp"])
@pytest.mark.parametrize("mode", MODES)
def test_regular_file(mod, socks, datafile, offset, count, conn, mode):
    if conn == "tcp":
        _, a, b = tcp_connection(mod, track=socks)
    else:
        a, b = socketpair(mod, track=socks)
    _set_mode(a, mode)
    result, received = _send_and_collect(a, b, datafile, offset, count)
    end = len(DATA) if count is None else min(len(DATA), offset + count)
    expected = DATA[offset:end]
    assert result == ("ok", len(expected))
    assert received == expected
    # The position ends after the last byte sent. When nothing was sent the
    # os.sendfile path leaves it alone, the send() path has seeked to offset.
    assert datafile.tell() == (offset + len(expected) if expected else (0, offset)[not hasattr(os, "sendfile")])


@pytest.mark.skipif(not hasattr(os, "sendfile"), reason="needs os.sendfile")
def test_fast_path_ignores_the_file_position(mod, socks, datafile):
    # os.sendfile() reads at the offset, wherever the file position is; the
    # send() path starts at the position when offset is 0 (the stdlib's rule).
    a, b = socketpair(mod, track=socks)
    datafile.seek(7)
    result, received = _send_and_collect(a, b, datafile, 0, 100)
    assert result == ("ok", 100) and received == DATA[:100]
    assert datafile.tell() == 100


def test_send_path_starts_at_the_position_for_offset_0(mod, socks):
    a, b = socketpair(mod, track=socks)
    f = io.BytesIO(DATA)
    f.seek(7)
    result, received = _send_and_collect(a, b, f, 0, 100)
    assert result == ("ok", 100) and received == DATA[7:107]
    assert f.tell() == 100  # offset + sent: the stdlib's arithmetic, not 107


@pytest.mark.parametrize("make", [
    lambda: io.BytesIO(DATA),
    lambda: io.BufferedReader(io.BytesIO(DATA)),
], ids=["BytesIO", "BufferedReader-over-BytesIO"])
@pytest.mark.parametrize("offset,count", [(0, None), (3, 10), (100, None)])
def test_file_without_descriptor_uses_send(mod, socks, make, offset, count):
    a, b = socketpair(mod, track=socks)
    f = make()
    result, received = _send_and_collect(a, b, f, offset, count)
    end = len(DATA) if count is None else offset + count
    assert result == ("ok", end - offset)
    assert received == DATA[offset:end]
    assert f.tell() == end


@pytest.mark.skipif(not hasattr(os, "pipe") or IS_WINDOWS, reason="needs a pipe descriptor")
def test_pipe_as_file(both):
    # A pipe has a descriptor but no size: the stdlib's fast path then
    # reports 0 bytes; the same must happen here.
    rows = []
    for m in both:
        r, w = os.pipe()
        os.write(w, b"pipe data")
        os.close(w)
        f = os.fdopen(r, "rb")
        a, b = m.socketpair()
        a.settimeout(2)
        rows.append(outcome(a.sendfile, f))
        f.close()
        a.close()
        b.close()
    assert rows[0] == rows[1]


def test_uses_send_path_for_bytesio(mod, socks, monkeypatch):
    calls = []
    original = mod.socket._sendfile_use_send

    def spy(self, *args):
        calls.append(args[1:])
        return original(self, *args)

    monkeypatch.setattr(mod.socket, "_sendfile_use_send", spy)
    a, b = socketpair(mod, track=socks)
    result, received = _send_and_collect(a, b, io.BytesIO(b"abc"), 1)
    assert result == ("ok", 2) and received == b"bc"
    assert calls == [(1, None)]


@pytest.mark.pysock_only
def test_fallback_without_os_sendfile(pysock, socks, datafile, monkeypatch):
    # Where os.sendfile is missing (Windows), send() does the work.
    monkeypatch.delattr(os, "sendfile", raising=False)
    a, b = socketpair(pysock, track=socks)
    result, received = _send_and_collect(a, b, datafile, 1000, 50_000)
    assert result == ("ok", 50_000)
    assert received == DATA[1000:51_000]
    assert datafile.tell() == 51_000


def test_empty_file(mod, socks, emptyfile):
    a, b = socketpair(mod, track=socks)
    result, received = _send_and_collect(a, b, emptyfile)
    assert result == ("ok", 0) and received == b""
    assert emptyfile.tell() == 0


def _messages(both, call):
    rows = []
    for m in both:
        try:
            rows.append(("ok", call(m)))
        except Exception as exc:  # noqa: BLE001 - compared below
            rows.append((type(exc).__name__, str(exc), getattr(exc, "errno", None)))
    assert rows[0] == rows[1], rows
    return rows[1]


@pytest.mark.parametrize("count", [0, -1, "1", 1.5, b"", []])
def test_bad_count(both, datafile, count):
    def call(m):
        a, b = m.socketpair()
        try:
            return a.sendfile(datafile, 0, count)
        finally:
            a.close()
            b.close()
    row = _messages(both, call)
    assert row[0] in ("TypeError", "ValueError")
    assert row[1] == "count must be a positive integer (got {!r})".format(count)


@pytest.mark.parametrize("offset", ["x", 1.5, None, -1, 2 ** 70])
def test_bad_offset(both, datafile, offset):
    def call(m):
        a, b = m.socketpair()
        a.settimeout(2)
        try:
            return a.sendfile(datafile, offset, 10)
        finally:
            a.close()
            b.close()
    _messages(both, call)


def test_text_mode_file_refused(both, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("text")

    def call(m):
        a, b = m.socketpair()
        try:
            with open(path, "r") as f:
                return a.sendfile(f)
        finally:
            a.close()
            b.close()
    assert _messages(both, call) == ("ValueError", "file should be opened in binary mode", None)


def test_datagram_socket_refused(both, datafile):
    def call(m):
        s = m.socket(m.AF_INET, m.SOCK_DGRAM)
        try:
            return s.sendfile(datafile)
        finally:
            s.close()
    assert _messages(both, call) == ("ValueError", "only SOCK_STREAM type sockets are supported", None)


@pytest.mark.parametrize("which", ["regular", "bytesio", "empty"])
def test_nonblocking_socket(both, datafile, emptyfile, which):
    def call(m):
        a, b = m.socketpair()
        a.setblocking(False)
        f = {"regular": datafile, "bytesio": io.BytesIO(b"x"), "empty": emptyfile}[which]
        f.seek(0)
        try:
            return a.sendfile(f)
        finally:
            a.close()
            b.close()
    row = _messages(both, call)
    if which == "empty" and hasattr(os, "sendfile"):
        assert row == ("ok", 0)  # os.sendfile path: the size check comes first
    else:
        assert row == ("ValueError", "non-blocking sockets are not supported", None)


def test_closed_socket(both, datafile):
    def call(m):
        a, b = m.socketpair()
        a.close()
        b.close()
        return a.sendfile(datafile)
    # os.sendfile() refuses the descriptor -1 before any system call.
    assert _messages(both, call)[0] in ("ValueError", "OSError")


@pytest.mark.parametrize("kind", ["regular", "bytesio"])
def test_timeout_keeps_position_exact(mod, socks, kind):
    # Nobody reads: the transfer stops with TimeoutError once the socket's
    # buffers are full, and the file position tells how much went out.
    a, b = socketpair(mod, track=socks)
    a.settimeout(0.2)
    big = b"z" * (16 * 2 ** 20)
    if kind == "regular":
        f = tempfile.TemporaryFile()
        f.write(big)
        f.seek(0)
    else:
        f = io.BytesIO(big)
    with pytest.raises(TimeoutError):
        a.sendfile(f, 5)
    sent = f.tell() - 5
    assert sent > 0
    b.settimeout(0.2)
    received = 0
    while True:
        try:
            chunk = b.recv(1 << 20)
        except TimeoutError:
            break
        if not chunk:
            break
        received += len(chunk)
    assert received == sent
    f.close()


def test_result_is_int(mod, socks, datafile):
    a, b = socketpair(mod, track=socks)
    result, _ = _send_and_collect(a, b, datafile, 0, 10)
    assert type(result[1]) is int


def test_is_a_method(both):
    for m in both:
        assert callable(m.socket.sendfile)
        assert m.socket.sendfile.__name__ == "sendfile"


# -- large files, the file position, and which path serves ------------------------------

@pytest.fixture(scope="module")
def bigpath(tmp_path_factory):
    path = tmp_path_factory.mktemp("sendfile") / "big"
    path.write_bytes(BIG)
    return path


def _differential(both, run):
    """run(mod) for the stdlib and pysock; the two rows must be equal."""
    rows = [run(m) for m in both]
    assert rows[0] == rows[1], rows
    return rows[1]


def _send_file(m, f, *args):
    """sendfile(f, *args) from a blocking socket to a reading thread:
    (outcome, bytes received, the file position after)."""
    a, b = m.socketpair()
    with a, b:
        a.settimeout(None)
        b.settimeout(10)
        result, received = _send_and_collect(a, b, f, *args)
    return result, received, f.tell() if f.seekable() else None


@pytest.mark.parametrize("offset,count", [
    (0, None), (3, None), (2 ** 23 - 1, 2 ** 23 + 2), (12345, 9 * 2 ** 20),
    (len(BIG) - 5, None), (0, len(BIG) + 1), (len(BIG), None), (len(BIG) + 1, 5),
])
def test_large_file_against_the_stdlib(both, bigpath, offset, count):
    def run(m):
        with open(bigpath, "rb") as f:
            return _send_file(m, f, offset, count)
    result, received, position = _differential(both, run)
    end = len(BIG) if count is None else min(len(BIG), offset + count)
    assert result == ("ok", max(0, end - offset))
    assert received == BIG[offset:end]
    if end > offset:
        assert position == end


def test_offset_0_starts_where_the_stdlib_does(both, bigpath):
    # os.sendfile reads at offset 0 whatever the position; the send() loop
    # (the stdlib on Windows) starts at the position and ends at 0 + sent.
    def run(m):
        with open(bigpath, "rb") as f:
            f.seek(7)
            return _send_file(m, f, 0, 1000)
    result, received, position = _differential(both, run)
    assert result == ("ok", 1000) and position == 1000
    assert received == BIG[:1000] or (IS_WINDOWS and received == BIG[7:1007])


def test_buffered_reader_reads_on_after_sendfile(both, tmp_path):
    # The reader has read ahead: its raw position is past what it handed
    # out. The kernel's copy must leave that raw position alone (as pread
    # does), or the reads after it come from the wrong place.
    path = tmp_path / "data"
    path.write_bytes(DATA)

    def run(m):
        with open(path, "rb") as f:
            head = f.read(10)
            result, received, position = _send_file(m, f, 100, 1000)
            return head, result, received, position, f.read()
    head, result, received, position, rest = _differential(both, run)
    assert (head, result, received, position) == (DATA[:10], ("ok", 1000), DATA[100:1100], 1100)
    assert rest == DATA[1100:]


def test_read_write_file_with_a_pending_write(both, tmp_path):
    # A write still in the buffer, before the position: the range after it
    # is what the file holds, for the kernel's copy as for a read.
    path = tmp_path / "data"
    path.write_bytes(b"")

    def run(m):
        with open(path, "w+b") as f:
            f.write(DATA)
            f.seek(0)
            f.write(b"HEAD")
            return _send_file(m, f, 0, None)
    _differential(both, run)


def test_bogus_descriptor_falls_back(both):
    # A file object whose fileno() names no open file: the kernel's copy
    # must refuse it (not crash in the C runtime), the send() loop serves.
    class Named(io.BytesIO):
        mode = "rb"

        def fileno(self):
            return 12345

    def run(m):
        return _send_file(m, Named(DATA), 5, 100)
    assert _differential(both, run) == (("ok", 100), DATA[5:105], 105)


@pytest.mark.skipif(not IS_WINDOWS, reason="text-mode descriptors are a Windows C runtime's")
def test_text_mode_descriptor_against_the_stdlib(both, tmp_path):
    # A descriptor in text mode translates CR LF and stops at Ctrl-Z when
    # read; a kernel copy would not, so pysock must not use one. (A file
    # object makes its descriptor binary; the mode is set back after.)
    import msvcrt

    raw = b"one\r\ntwo\r\n\x1aafter"
    path = tmp_path / "text"
    path.write_bytes(raw)

    def run(m):
        with open(path, "rb", buffering=0) as f:
            fd = f.fileno()
            msvcrt.setmode(fd, os.O_TEXT)
            row = _send_file(m, f, 0, None)
            # The descriptor is still in text mode afterwards.
            assert msvcrt.setmode(fd, os.O_TEXT) == os.O_TEXT
        return row
    result, received, _ = _differential(both, run)
    assert received != raw  # the C runtime translated: the comparison meant something


@pytest.mark.skipif(not IS_WINDOWS, reason="a blocking socket and a pipe: Windows' loop")
def test_pipe_with_a_blocking_socket(both):
    def run(m):
        r, w = os.pipe()
        os.write(w, b"pipe data")
        os.close(w)
        with os.fdopen(r, "rb") as f:
            return _send_file(m, f)[:2]
    # The loop sends it all, then cannot seek a pipe: the stdlib's
    # UnsupportedOperation after the data.
    result, received = _differential(both, run)
    assert received == b"pipe data"


@pytest.mark.pysock_only
def test_the_kernel_copies(pysock, socks, bigpath, monkeypatch):
    """A blocking socket and a regular file: the kernel copies, send() is
    never called. TransmitFile where the backend has it (Windows), where
    the os module has no sendfile; os.sendfile everywhere else."""
    windows = pysock._loader.platform == "windows"
    assert _transmits(pysock) == windows
    assert hasattr(os, "sendfile") == (not windows)
    copies = []
    if windows:
        original = pysock.socket._transmitfile

        def spy(self, fd, offset, count):
            copies.append((offset, count))
            return original(self, fd, offset, count)
        monkeypatch.setattr(pysock.socket, "_transmitfile", spy)
    else:
        original = os.sendfile

        def spy(out_fd, in_fd, offset, count):
            copies.append((offset, count))
            return original(out_fd, in_fd, offset, count)
        monkeypatch.setattr(os, "sendfile", spy)

    def no_send(self, *args):
        raise AssertionError("send() was called")
    monkeypatch.setattr(pysock.socket, "send", no_send)
    monkeypatch.setattr(pysock.socket, "_sendfile_use_send", no_send)
    with open(bigpath, "rb") as f:
        result, received, position = _send_file(pysock, f, 1000, 17 * 2 ** 20)
    assert result == ("ok", 17 * 2 ** 20) and received == BIG[1000:1000 + 17 * 2 ** 20]
    assert position == 1000 + 17 * 2 ** 20
    assert copies and copies[0][0] == 1000
    if windows:  # ranges of _TRANSMIT_BLOCK, one after the other
        block = pysock._sendfile._TRANSMIT_BLOCK
        assert copies == [(1000, block), (1000 + block, block), (1000 + 2 * block, 2 ** 20)]


@pytest.mark.pysock_only
@pytest.mark.skipif(not hasattr(os, "sendfile"), reason="needs os.sendfile")
def test_no_transmitfile_where_os_sendfile_is(pysock):
    # The POSIX backends leave the entry null: the method does not exist.
    assert not _transmits(pysock)
    assert not hasattr(pysock._core.socket, "_transmitfile")


@pytest.mark.pysock_only
def test_timeout_mode_takes_the_send_loop(pysock, socks, datafile, monkeypatch):
    if not _transmits(pysock):
        pytest.skip("no TransmitFile here (os.sendfile keeps timeouts itself)")
    calls = []
    original = pysock.socket._sendfile_use_send

    def spy(self, *args):
        calls.append(args[1:])
        return original(self, *args)
    monkeypatch.setattr(pysock.socket, "_sendfile_use_send", spy)

    def no_transmit(self, *args):
        raise AssertionError("TransmitFile under a timeout")
    monkeypatch.setattr(pysock.socket, "_transmitfile", no_transmit)
    a, b = socketpair(pysock, track=socks)
    result, received = _send_and_collect(a, b, datafile, 3, 1000)
    assert result == ("ok", 1000) and received == DATA[3:1003] and datafile.tell() == 1003
    assert calls == [(3, 1000)]


@pytest.mark.pysock_only
def test_transmitfile_arguments(pysock, socks, datafile):
    if not _transmits(pysock):
        pytest.skip("no TransmitFile here")
    a, b = socketpair(pysock, track=socks)
    fd = datafile.fileno()
    with pytest.raises(ValueError):
        a._transmitfile(fd, 0, 10)  # a socket with a timeout
    a.settimeout(None)
    with pytest.raises(ValueError):
        a._transmitfile(fd, -1, 10)
    with pytest.raises(ValueError):
        a._transmitfile(fd, 0, -1)
    with pytest.raises(TypeError):
        a._transmitfile(fd, 0.5, 10)
    with pytest.raises(TypeError):
        a._transmitfile(fd, 0)
    # Descriptors that are no open file of the C runtime: None, no crash.
    for bad in (-1, 12345, 2 ** 31 - 1):
        assert a._transmitfile(bad, 0, 10) is None
    assert a._transmitfile(fd, len(DATA), 10) == 0  # at the end: nothing
    assert a._transmitfile(fd, 0, 0) == 0
    assert a._transmitfile(fd, len(DATA) - 4, 10) == 4
    b.settimeout(2)
    assert b.recv(10) == b"tail"
    assert datafile.tell() == 0  # the position is the caller's to set


@pytest.mark.parametrize("state", ["not connected", "shut down"])
def test_connection_that_cannot_take_data(both, bigpath, state):
    # Nothing can go out: the same error, and the file position where the
    # stdlib's loop leaves it (after the block it read).
    def run(m):
        with open(bigpath, "rb") as f:
            if state == "not connected":
                a = m.socket(m.AF_INET, m.SOCK_STREAM)
                others = []
            else:
                listener, a, b = tcp_connection(m)
                a.shutdown(m.SHUT_WR)
                others = [listener, b]
            a.settimeout(None)
            try:
                return outcome(a.sendfile, f, 10, 100_000), f.tell()
            finally:
                for s in [a] + others:
                    s.close()
    result, _ = _differential(both, run)
    assert result[0] == "raise"


def test_peer_gone_fails_instead_of_waiting(both, bigpath):
    # The peer closed its end: the first bytes draw a reset, and sendfile
    # fails as the stdlib's does (under Wine a TransmitFile then waits for
    # ever unless the socket is looked at again).
    def run(m):
        listener, a, b = tcp_connection(m)
        b.close()
        time.sleep(0.1)
        a.settimeout(None)
        result = []
        with listener, a, open(bigpath, "rb") as f:
            t = threading.Thread(target=lambda: result.append(outcome(a.sendfile, f)), daemon=True)
            t.start()
            t.join(30)
            if t.is_alive():
                a.shutdown(m.SHUT_RDWR)
                t.join(5)
                return "still sending after 30 s"
        return result[0][:2]
    # Both fail with a ConnectionError; which one (reset or broken pipe) is
    # the kernel's race.
    rows = [run(m) for m in both]
    for row in rows:
        assert row[0] == "raise", rows
        assert row[1] in ("ConnectionResetError", "BrokenPipeError", "ConnectionAbortedError"), rows


def scenario_transmit_fails_midway(mod, faults, path, offset):
    """The second TransmitFile range fails: the position is after the first."""
    a, b = mod.socketpair()
    with a, b, open(path, "rb") as f:
        a.settimeout(None)
        b.settimeout(10)
        faults.set("transmit_file@%d=econnreset*1/2" % a.fileno())
        got = []
        t = threading.Thread(target=_drain, args=(b, got))
        t.start()
        try:
            result = outcome(a.sendfile, f, offset)
        finally:
            faults.set("")
            a.shutdown(1)
            t.join()
        received = b"".join(got)
        return [list(result), f.tell(), len(received), received == BIG[offset:offset + len(received)]]


@pytest.mark.pysock_only
def test_error_midway_leaves_the_position_after_the_last_range(pysock, fault_worker, bigpath):
    if not _transmits(pysock):
        pytest.skip("no TransmitFile here")
    result, position, received, in_place = fault_worker.run(scenario_transmit_fails_midway, str(bigpath), 1000)
    block = pysock._sendfile._TRANSMIT_BLOCK
    assert result[:2] == ["raise", "ConnectionResetError"]
    assert position == 1000 + block
    assert received == block and in_place


@pytest.mark.parametrize("count", [1, 2])
def test_send_path_position_after_a_tiny_send(mod, socks, count):
    """The file position moves by what was sent, the very first byte too."""
    a, b = socketpair(mod, track=socks)
    f = io.BytesIO(DATA)
    result, received = _send_and_collect(a, b, f, 5, count)
    assert result == ("ok", count) and received == DATA[5:5 + count]
    assert f.tell() == 5 + count
