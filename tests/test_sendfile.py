"""socket.sendfile(): the os.sendfile() fast path, the send() fallback,
argument checks, timeouts and the file position, against the stdlib."""

import io
import os
import tempfile
import threading

import pytest

from sockutil import IS_WINDOWS, outcome, socketpair, tcp_connection

DATA = bytes(range(256)) * 4096 + b"tail"  # 1 MiB and a bit


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
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        out.append(chunk)


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
def test_regular_file(mod, socks, datafile, offset, count, conn):
    if conn == "tcp":
        _, a, b = tcp_connection(mod, track=socks)
    else:
        a, b = socketpair(mod, track=socks)
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


@pytest.mark.parametrize("count", [1, 2])
def test_send_path_position_after_a_tiny_send(mod, socks, count):
    """The file position moves by what was sent, the very first byte too."""
    a, b = socketpair(mod, track=socks)
    f = io.BytesIO(DATA)
    result, received = _send_and_collect(a, b, f, 5, count)
    assert result == ("ok", count) and received == DATA[5:5 + count]
    assert f.tell() == 5 + count
