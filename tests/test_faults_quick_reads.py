"""Which blocking reads pysock tries quickly first, keeping the GIL.

A blocking read that can finish at once is tried with MSG_DONTWAIT and the
GIL held (binding/socket.zig, RecvCtx.withoutWaiting): a datagram read
always; a plain stream read of at most 16 KiB when the socket's last read
filled its buffer. Every other read releases the GIL for the blocking call.
Both paths give the same results (test_blocking_reads.py proves that part);
these tests prove which path a read takes, so that neither choice can rot
unseen: the fault backend delays the read by 300 ms, and a second thread
ticks only if the GIL was released meanwhile.
"""
import threading
import time

import pytest

pytestmark = pytest.mark.pysock_only

DELAY_MS = 300


def _held_gil(faults, sock, read):
    """True when `read()` kept the GIL through its (delayed) system call."""
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.005)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        time.sleep(0.05)  # the ticker is running
        faults.set(f"recv@{sock.fileno()}=delay:{DELAY_MS}*1,recvfrom@{sock.fileno()}=delay:{DELAY_MS}*1")
        before = len(ticks)
        read()
        during = len(ticks) - before
        faults.set("")
    finally:
        stop.set()
        thread.join()
    # Held: the ticker cannot run for 300 ms (a tick or two may slip in
    # around the call); released: it ticks every 5 ms of them.
    return during < 10


def scenario_stream(mod, faults, before, size, flags, how):
    a, b = mod.socketpair()
    with a, b:
        b.settimeout(None)
        if before == "filled":
            a.sendall(b"x")
            assert b.recv(1) == b"x"
        elif before == "short":
            a.sendall(b"x")
            assert b.recv(2) == b"x"
        a.sendall(bytes(size))
        buf = bytearray(size)
        read = {"recv": lambda: b.recv(size, flags), "recv_into": lambda: b.recv_into(buf, size, flags),
                "recvfrom": lambda: b.recvfrom(size, flags)[0]}[how]
        return _held_gil(faults, b, read)


@pytest.mark.parametrize("how", ["recv", "recv_into", "recvfrom"])
@pytest.mark.parametrize("before,size,flags,held", [
    ("filled", 64, 0, True),        # a read that filled its buffer: the next is tried quickly
    ("filled", 16384, 0, True),     # up to 16 KiB
    ("filled", 16385, 0, False),    # larger: the kernel's copy would hold the GIL too long
    ("fresh", 64, 0, False),        # no read yet
    ("short", 64, 0, False),        # the last read came up short
    ("filled", 64, "MSG_PEEK", False),  # flags: the blocking call
], ids=["filled", "16KiB", "over-16KiB", "fresh", "after-short", "peek"])
def test_stream_read_path(fault_worker, pysock, how, before, size, flags, held):
    if not hasattr(pysock, "MSG_DONTWAIT"):
        pytest.skip("no MSG_DONTWAIT: every blocking read releases the GIL")
    flag_value = getattr(pysock, flags) if flags else 0
    assert fault_worker.run(scenario_stream, before, size, flag_value, how) is held


def scenario_datagram(mod, faults):
    a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
    with a, b:
        b.settimeout(None)
        a.send(b"12345")
        return _held_gil(faults, b, lambda: b.recv(100))


def test_datagram_read_is_tried_quickly(fault_worker, pysock):
    if not hasattr(pysock, "MSG_DONTWAIT") or not hasattr(pysock, "AF_UNIX"):
        pytest.skip("no MSG_DONTWAIT or AF_UNIX datagrams")
    assert fault_worker.run(scenario_datagram) is True
