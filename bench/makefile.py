"""socket.makefile over a socketpair: readline of 64-byte lines from a
buffered reader, and buffered writes of 64-byte lines. Lines go in batches
that fit the socket buffer, so one thread does both ends. One operation is
one line; the lines' bytes are checked by CRC per batch."""
from _bench import Workload, crc, expect, timed

BATCH = 256
LINES = b"".join(b"%063d\n" % i for i in range(BATCH))  # 64 bytes each, all different
LINE_SIZE = 64


def _readline(mod, n):
    a, b = mod.socketpair()
    with a, b, b.makefile("rb") as reader:
        def loop(n):
            readline, value, got = reader.readline, 0, 0
            for _ in range(n // BATCH):
                a.sendall(LINES)
                batch = [readline() for _ in range(BATCH)]
                got += sum(map(len, batch))
                value = crc(b"".join(batch), value)
            return got, value
        seconds, (got, value) = timed(loop, n)
    return _checked(seconds, got, value, n)


def _write(mod, n):
    a, b = mod.socketpair()
    with a, b, a.makefile("wb") as writer:
        def loop(n):
            write, flush, buf, got, value = writer.write, writer.flush, bytearray(len(LINES)), 0, 0
            lines = [LINES[i:i + LINE_SIZE] for i in range(0, len(LINES), LINE_SIZE)]
            view = memoryview(buf)
            for _ in range(n // BATCH):
                for line in lines:
                    write(line)
                flush()
                have = 0
                while have < len(buf):
                    have += b.recv_into(view[have:])
                got += have
                value = crc(buf, value)
            return got, value
        seconds, (got, value) = timed(loop, n)
    return _checked(seconds, got, value, n)


def _checked(seconds, got, value, n):
    """Checks the bytes and CRC of the n // BATCH batches moved; returns
    (total, check) scaled to n lines (n may not be a whole number of batches)."""
    batches = n // BATCH
    expect(got == batches * len(LINES), f"{got} bytes arrived of {batches * len(LINES)}")
    expected = 0
    for _ in range(batches):
        expected = crc(LINES, expected)
    expect(value == expected, "CRC of the lines")
    return seconds * n / (batches * BATCH), (got, value)


WORKLOADS = [
    Workload("makefile readline 64 B", _readline, n=200_000),
    Workload("makefile buffered write 64 B", _write, n=200_000),
]
