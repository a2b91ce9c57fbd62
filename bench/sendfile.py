"""socket.sendfile() over loopback TCP: the timed thread sends a file with
sendfile() from a blocking socket (os.sendfile on Linux for both modules;
on Windows the stdlib's send() loop against pysock's TransmitFile) to a
receiving thread, which counts the bytes and CRCs them as they come. One
operation is one file sent (16 MiB, or 256 KiB for the per-call cost); the
time runs until the receiver has the last byte. The socket with a timeout
takes the send() loop on Windows for both modules (TransmitFile cannot
keep a timeout): that row is the loop against the loop."""
import random
import tempfile
import threading

from _bench import Workload, crc, expect, tcp_pair, timed

_FILES = {}


def _file(size):
    """A temporary file of `size` random bytes (one per size and process)
    and its CRC."""
    if size not in _FILES:
        data = random.Random(size).randbytes(size)
        f = tempfile.TemporaryFile()
        f.write(data)
        f.flush()
        _FILES[size] = f, crc(data)
    return _FILES[size]


def _receive(sock, total, out):
    buf = bytearray(1 << 20)
    view, got, value = memoryview(buf), 0, 0
    while got < total:
        k = sock.recv_into(buf)
        if not k:
            break
        value = crc(view[:k], value)
        got += k
    out.extend((got, value))


def _run(size, timeout=None):
    def run(mod, n):
        f, file_crc = _file(size)
        a, b = tcp_pair(mod, nodelay=False)
        with a, b:
            a.settimeout(timeout)
            result = []
            receiver = threading.Thread(target=_receive, args=(b, size * n, result))
            receiver.start()

            def loop():
                sent = 0
                for _ in range(n):
                    f.seek(0)  # offset 0 starts at the position in the send() loop
                    sent += a.sendfile(f)
                receiver.join()
                return sent
            seconds, sent = timed(loop)
        expect(sent == size * n, f"sendfile() returned {sent} in all, not {size * n}")
        got, value = result
        expect(got == size * n, f"received {got} bytes of {size * n}")
        expected = 0
        for _ in range(n):
            expected = _crc_again(f, expected)
        expect(value == expected, "CRC of what arrived")
        return seconds, (got, value, file_crc)
    return run


def _crc_again(f, value):
    """The CRC continued over the file's bytes once more."""
    f.seek(0)
    while block := f.read(1 << 20):
        value = crc(block, value)
    return value


WORKLOADS = [
    Workload("sendfile 16 MiB file, TCP (per file)", _run(16 * 2 ** 20), n=12, quick_n=3),
    Workload("sendfile 256 KiB file, TCP (per file)", _run(256 * 2 ** 10), n=400, quick_n=40),
    Workload("sendfile 16 MiB file, TCP, socket with a timeout (per file)",
             _run(16 * 2 ** 20, timeout=30.0), n=12, quick_n=3),
]
