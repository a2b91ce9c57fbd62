"""Lengths the OS reports, against the buffers they describe.

The kernel may report more than it wrote: with MSG_TRUNC a datagram's whole
length comes back whatever the buffer. The stdlib then returns a bytes object
of that length whose tail is uninitialised memory; pysock returns the same
length with that tail zeroed (README: "Deliberate differences"). Everything
else here is the stdlib's behaviour exactly, run through both modules.
"""

import array
import os
import subprocess
import sys
import threading
import warnings

import pytest

from sockutil import TIMEOUT, linux_only, tcp_connection, unix_only

DATAGRAM = 60000


def _dgram_pair(mod):
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    for s in (a, b):
        s.settimeout(TIMEOUT)
    return a, b


def _truncating(mod):
    if not hasattr(mod, "MSG_TRUNC"):
        pytest.skip("no MSG_TRUNC on this platform (the stdlib has none either)")
    return mod.MSG_TRUNC


def _payload():
    return bytes(range(256)) * (DATAGRAM // 256) + b"\x01" * (DATAGRAM % 256)


@unix_only
@linux_only
@pytest.mark.parametrize("size", [1, 100, 8192, 8193, 20000])
@pytest.mark.parametrize("method", ["recv", "recvfrom"])
def test_truncated_datagram_length_as_stdlib_tail_zeroed(both, size, method):
    """The first reproducer of 'Safe under any input' (it crashed with size 1)."""
    lengths = []
    for mod in both:
        a, b = _dgram_pair(mod)
        with a, b:
            a.send(_payload())
            result = getattr(b, method)(size, _truncating(mod))
            data = result if method == "recv" else result[0]
            lengths.append(len(data))
            if mod is both[1]:
                assert data[:size] == _payload()[:size]
                assert data[size:] == bytes(len(data) - size)
    assert lengths[0] == lengths[1] == DATAGRAM


@unix_only
@linux_only
@pytest.mark.parametrize("size", [1, 9000])
def test_truncated_recvmsg_as_stdlib(both, size):
    """recvmsg never grows its result: the buffer's size, MSG_TRUNC in the flags."""
    outcomes = []
    for mod in both:
        a, b = _dgram_pair(mod)
        with a, b:
            a.send(_payload())
            data, anc, flags, _ = b.recvmsg(size, 0, _truncating(mod))
            outcomes.append((data, anc, flags & mod.MSG_TRUNC != 0))
    assert outcomes[0] == outcomes[1]
    assert outcomes[1][0] == _payload()[:size]


@unix_only
@linux_only
@pytest.mark.parametrize("method", ["recv_into", "recvfrom_into"])
def test_truncated_into_reports_kernel_count_writes_only_buffer(both, method):
    """The *_into forms return the kernel's count and write only the buffer."""
    outcomes = []
    for mod in both:
        a, b = _dgram_pair(mod)
        with a, b:
            a.send(_payload())
            buf = bytearray(b"\xee" * 64)
            view = memoryview(buf)[:16]
            result = getattr(b, method)(view, 0, _truncating(mod))
            n = result if method == "recv_into" else result[0]
            outcomes.append((n, bytes(buf)))
    assert outcomes[0] == outcomes[1]
    assert outcomes[1] == (DATAGRAM, _payload()[:16] + b"\xee" * 48)


_EMPTY_INTO = """
import sys
mod = __import__(sys.argv[1])
a, b = mod.socketpair()
print(a.recv_into(bytearray(0)), flush=True)
"""


@pytest.mark.parametrize("module", ["socket", "pysock"])
def test_recv_into_empty_buffer_returns_at_once(both, module):
    """The second reproducer: a blocking stream socket, nothing queued, an
    empty buffer: 0 at once, no system call (it used to block forever)."""
    out = subprocess.run([sys.executable, "-c", _EMPTY_INTO, module], capture_output=True,
                         text=True, timeout=30, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0] == "0"


def test_recv_into_empty_buffer_on_closed_socket(both):
    """No system call means no EBADF either, as in the stdlib."""
    outcomes = []
    for mod in both:
        a, b = mod.socketpair()
        b.close()
        a.close()
        try:
            outcomes.append(a.recv_into(bytearray(0)))
        except OSError as e:
            outcomes.append((type(e), e.errno))
    assert outcomes[0] == outcomes[1]


def _blocking_read_with_low_water(mod, set_through):
    """A blocking recv(100) of a stream whose SO_RCVLOWAT (10) was set
    through another handle, with 5 bytes queued and 5 more following."""
    a, b = mod.socketpair()
    other = b.dup() if set_through == "dup" else mod.fromfd(b.fileno(), b.family, b.type)
    with a, b, other:
        other.setsockopt(mod.SOL_SOCKET, mod.SO_RCVLOWAT, 10)
        a.sendall(b"12345")
        later = threading.Timer(0.3, a.sendall, (b"67890",))
        later.start()
        try:
            b.settimeout(None)
            return b.recv(100)
        finally:
            later.join()


@unix_only
@linux_only
@pytest.mark.parametrize("set_through", ["dup", "fromfd"])
def test_blocking_recv_waits_for_low_water_set_elsewhere(both, set_through):
    """The quick non-blocking first try never changes what a blocking read
    returns: the kernel holds it back until the low-water mark is met."""
    results = [_blocking_read_with_low_water(mod, set_through) for mod in both]
    assert results[0] == results[1] == b"1234567890"


@linux_only
@pytest.mark.parametrize("buflen", [1, 4, 16, 200, 1024])
def test_getsockopt_buflen_gives_the_kernels_length(both, buflen):
    """getsockopt(level, opt, buflen) returns the bytes the kernel wrote."""
    outcomes = []
    for mod in both:
        with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as s:
            s.setsockopt(mod.SOL_SOCKET, mod.SO_LINGER, b"\x01\x00\x00\x00\x05\x00\x00\x00")
            try:
                outcomes.append(s.getsockopt(mod.SOL_SOCKET, mod.SO_LINGER, buflen))
            except OSError as e:
                outcomes.append((type(e), e.errno))
    assert outcomes[0] == outcomes[1]


@unix_only
@linux_only
@pytest.mark.parametrize("ancbufsize", [1, 8, 17, 23, 24, 31])
def test_truncated_control_buffer_as_stdlib(both, ancbufsize):
    """SCM_RIGHTS into a control buffer too small (MSG_CTRUNC): the same
    items, flags and warnings; descriptors that did arrive are real."""
    outcomes = []
    for mod in both:
        a, b = mod.socketpair()
        with a, b:
            fds = [os.open(os.devnull, os.O_RDONLY) for _ in range(3)]
            try:
                a.sendmsg([b"x"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, array.array("i", fds).tobytes())])
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    data, anc, flags, _ = b.recvmsg(1, ancbufsize)
            finally:
                for fd in fds:
                    os.close(fd)
            got = []
            for level, kind, payload in anc:
                got.append((level, kind, len(payload)))
                for i in range(0, len(payload) - len(payload) % 4, 4):
                    os.close(int.from_bytes(payload[i:i + 4], sys.byteorder))
            outcomes.append((data, got, flags & mod.MSG_CTRUNC != 0, [str(w.message) for w in caught]))
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("optlen", [0, 4, 2**31 - 1, 2**31, 2**32 - 1])
def test_setsockopt_null_value_any_length_as_stdlib(both, optlen):
    """setsockopt(level, name, None, optlen) passes optlen through as the C
    call takes it (on Windows an int: past its range it used to panic the
    bounds-checked build)."""
    outcomes = []
    for mod in both:
        with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as s:
            try:
                outcomes.append(s.setsockopt(mod.SOL_SOCKET, mod.SO_RCVBUF, None, optlen))
            except OSError as e:
                outcomes.append((type(e), e.errno))
    assert outcomes[0] == outcomes[1]


@linux_only
@pytest.mark.parametrize("method,size", [("recv", 50), ("recv", 20000), ("recvmsg", 50), ("recvmsg", 20000)])
def test_stream_msg_trunc_discards_and_gives_zeros(both, method, size):
    """On a TCP stream recv(MSG_TRUNC) discards the bytes it counts: Linux
    writes none of them. The stdlib then returns that many bytes of whatever
    its buffer held; pysock the same count of zeros (it used to show stack
    and heap memory there), or the bytes themselves where the OS wrote them."""
    outcomes = []
    for mod in both:
        lst, cli, srv = tcp_connection(mod)
        with lst, cli, srv:
            cli.sendall(b"\xab" * 100)
            srv.recv(1, mod.MSG_PEEK)  # until the bytes are there
            result = getattr(srv, method)(size, mod.MSG_TRUNC)
            data = result if method == "recv" else result[0]
            outcomes.append(len(data))
            if mod is both[1]:
                assert set(data) <= {0, 0xAB}
    assert outcomes[0] == outcomes[1] == min(size, 100)
