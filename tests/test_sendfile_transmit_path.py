"""pysock's TransmitFile path of sendfile() (pysock/_sendfile.py,
_use_transmitfile), run on POSIX: os.sendfile is taken away and the socket
is given a `_transmitfile` that does what TransmitFile does (the bytes of
[offset, offset + count) of the file, the whole rest for a count of 0, the
file position untouched; None for a file it cannot send). The path must
give the results of the stdlib's send() loop (`_sendfile_use_send`, what
the stdlib always takes on Windows): return value or exception, the bytes
received and the file position after.

Also: the os.sendfile path never asks the kernel for 0 bytes (on the BSDs
and macOS a count of 0 means "to the end of the file")."""
import os
import socket as std
import stat
import tempfile
import threading

import pytest

from sockutil import outcome

pytestmark = pytest.mark.skipif(os.name != "posix" or not hasattr(os, "pread"),
                                reason="emulates TransmitFile with os.pread on POSIX")

DATA = bytes(range(251)) * 40 + b"end"  # 10043 bytes, a prime period
BLOCK = 1000  # TransmitFile's range per call, made small to take many calls


def _emulated_class(pysock, calls):
    class Emulated(pysock.socket):
        def _transmitfile(self, fd, offset, count):
            calls.append((offset, count))
            assert len(calls) < 1000, "the loop does not end"
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            if count == 0:  # TransmitFile: 0 is the whole rest of the file
                count = max(0, os.fstat(fd).st_size - offset)
            data = os.pread(fd, count, offset)
            self.sendall(data)
            return len(data)
    return Emulated


def _drain(sock, out):
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            out.append(chunk)
    except OSError:
        sock.close()
        raise


def _run(a, b, send, f, args):
    got = []
    t = threading.Thread(target=_drain, args=(b, got))
    t.start()
    try:
        result = outcome(send, f, *args)
    finally:
        a.shutdown(std.SHUT_WR)
        t.join()
    return result, b"".join(got), f.tell() if f.seekable() else None


def _std(make_file, args, setup=None):
    a, b = std.socketpair()
    with a, b:
        b.settimeout(10)
        if setup:
            setup(a)
        with make_file() as f:
            return _run(a, b, a._sendfile_use_send, f, args)


def _pysock(pysock, monkeypatch, make_file, args, setup=None, family=None, kind=None):
    monkeypatch.delattr(os, "sendfile", raising=False)
    monkeypatch.setattr(pysock._sendfile, "_TRANSMIT_BLOCK", BLOCK)
    calls = []
    cls = _emulated_class(pysock, calls)
    pair = pysock.socketpair()
    a = cls(pair[0].family, pair[0].type, pair[0].proto, pair[0].detach())
    b = pair[1]
    with a, b:
        b.settimeout(10)
        if setup:
            setup(a)
        with make_file() as f:
            return _run(a, b, a.sendfile, f, args)


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "data"
    p.write_bytes(DATA)
    return str(p)


@pytest.mark.parametrize("args", [
    (), (0,), (0, None), (5,), (0, 1), (0, 2), (3, 1), (0, BLOCK), (0, BLOCK + 1), (7, 3 * BLOCK + 1),
    (123, 4567), (len(DATA) - 3,), (len(DATA) - 3, 1000), (len(DATA),), (len(DATA) + 10,),
    (0, len(DATA) * 2), (9 * BLOCK + 1, None),
])
def test_transmit_path_gives_the_send_loops_results(pysock, monkeypatch, path, args):
    def make():
        return open(path, "rb")
    want = _std(make, args)
    assert _pysock(pysock, monkeypatch, make, args) == want


@pytest.mark.parametrize("position,args", [(7, (0, 1000)), (7, ()), (len(DATA), ()), (len(DATA), (0, 5)),
                                           (len(DATA) - 1, (0, None))])
def test_transmit_path_starts_at_the_position_for_offset_0(pysock, monkeypatch, path, position, args):
    def make():
        f = open(path, "rb")
        f.seek(position)
        return f
    want = _std(make, args)
    assert _pysock(pysock, monkeypatch, make, args) == want


@pytest.mark.parametrize("timeout", [None, 1, 1.0, 10])
def test_transmit_path_socket_modes(pysock, monkeypatch, path, timeout):
    # A socket with a timeout takes the send() loop; a blocking one TransmitFile.
    def make():
        return open(path, "rb")

    def setup(sock):
        sock.settimeout(timeout)
    want = _std(make, (3, 2500), setup)
    assert _pysock(pysock, monkeypatch, make, (3, 2500), setup) == want


def test_transmit_path_nonblocking_socket_refused(pysock, monkeypatch, path):
    def make():
        return open(path, "rb")

    def setup(sock):
        sock.setblocking(False)
    want = _std(make, (), setup)
    assert want[0][:2] == ("raise", "ValueError")
    assert _pysock(pysock, monkeypatch, make, (), setup) == want


@pytest.mark.parametrize("args", [(0, 0), (0, -1), (0, 1.5), (5, "3")])
def test_transmit_path_bad_count(pysock, monkeypatch, path, args):
    def make():
        return open(path, "rb")
    want = _std(make, args)
    assert want[0][0] == "raise"
    assert _pysock(pysock, monkeypatch, make, args) == want


def test_transmit_path_text_mode_file(pysock, monkeypatch, path):
    def make():
        return open(path, "r", encoding="latin-1")
    want = _std(make, ())
    assert want[0][:2] == ("raise", "ValueError")
    assert _pysock(pysock, monkeypatch, make, ()) == want


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="a seekable file that is not a regular one")
@pytest.mark.parametrize("args", [(0, 3000), (5, 1)])
def test_transmit_path_file_it_cannot_send(pysock, monkeypatch, args):
    # A character device: TransmitFile answers None before sending anything;
    # the send() loop then sends what the file gives.
    def make():
        return open("/dev/zero", "rb")
    want = _std(make, args)
    assert want[0] == ("ok", args[1])
    assert _pysock(pysock, monkeypatch, make, args) == want


@pytest.mark.skipif(not hasattr(os, "sendfile"), reason="the os.sendfile path")
@pytest.mark.parametrize("count", [1, 4096, len(DATA) - 1, len(DATA), 2 * len(DATA)])
def test_os_sendfile_never_asked_for_0_bytes(mod, monkeypatch, path, count):
    real = os.sendfile
    counts = []

    def spy(out_fd, in_fd, offset, size):
        counts.append(size)
        return real(out_fd, in_fd, offset, size)
    monkeypatch.setattr(os, "sendfile", spy)
    a, b = mod.socketpair()
    with a, b, open(path, "rb") as f:
        b.settimeout(10)
        result, received, _ = _run(a, b, a.sendfile, f, (0, count))
    assert result == ("ok", min(count, len(DATA)))
    assert received == DATA[:count]
    assert counts and 0 not in counts


@pytest.mark.parametrize("case", ["text", "datagram", "count0", "count-1", "countstr", "nonblocking"])
def test_send_loop_checks_its_arguments(both, path, case):
    # socket._sendfile_use_send, the stdlib's own send() loop (what the
    # Windows stdlib's sendfile is), called directly: its own checks.
    def run(m):
        kind = m.SOCK_DGRAM if case == "datagram" else m.SOCK_STREAM
        a, b = m.socketpair(m.AF_UNIX, kind)
        with a, b:
            if case == "nonblocking":
                a.setblocking(False)
            args = {"count0": (0, 0), "count-1": (0, -1), "countstr": (0, "3")}.get(case, ())
            mode = "r" if case == "text" else "rb"
            with open(path, mode) as f:
                return outcome(a._sendfile_use_send, f, *args), f.tell()
    got = [run(m) for m in both]
    assert got[0][0][0] == "raise"
    assert got[1] == got[0]
