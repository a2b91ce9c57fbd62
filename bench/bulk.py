"""Bulk TCP throughput over loopback: a sender thread sendall()s a periodic
pattern; the timed receiver reads it with recv_into a preallocated buffer, or
with recv(65536). One operation is 64 KiB received. The receiver checks the
byte count and, for every chunk, its first and last byte against their
position in the stream; the last chunk's CRC against the pattern's."""
import threading

from _bench import Workload, crc, expect, tcp_pair, timed

OP = 65536
PERIOD = 251  # a prime: a chunk lost, repeated or shifted shows at its edges
BLOCK = bytes(i % PERIOD for i in range(PERIOD * 1024))  # whole periods


def _send(sock, total):
    view, sent = memoryview(BLOCK), 0
    while sent < total:
        part = view[: min(len(BLOCK), total - sent)]
        sock.sendall(part)
        sent += len(part)
    sock.shutdown(1)  # SHUT_WR: the receiver sees end of stream


def _receive_into(sock, total):
    buf = bytearray(4 * OP)
    recv_into, got, bad, last = sock.recv_into, 0, 0, b""
    while True:
        k = recv_into(buf)
        if not k:
            break
        if buf[0] != got % PERIOD or buf[k - 1] != (got + k - 1) % PERIOD:
            bad += 1
        got += k
        last = k
    return got, bad, bytes(buf[:last]) if last else b""


def _receive(sock, total):
    recv, got, bad, chunk = sock.recv, 0, 0, b""
    while True:
        data = recv(OP)
        k = len(data)
        if not k:
            break
        if data[0] != got % PERIOD or data[-1] != (got + k - 1) % PERIOD:
            bad += 1
        got += k
        chunk = data
    return got, bad, chunk


def _run(receive):
    def run(mod, n):
        total = n * OP
        a, b = tcp_pair(mod, nodelay=False)
        with a, b:
            sender = threading.Thread(target=_send, args=(a, total))
            sender.start()
            seconds, (got, bad, last) = timed(receive, b, total)
            sender.join()
        expect(got == total, f"received {got} bytes of {total}")
        expect(bad == 0, f"{bad} chunks out of place")
        start = (total - len(last)) % PERIOD
        expect(crc(last) == crc((BLOCK * 2)[start:start + len(last)]), "last chunk's CRC")
        return seconds, total
    return run


WORKLOADS = [
    Workload("bulk TCP recv_into (per 64 KiB)", _run(_receive_into), n=4096, quick_n=256,
             floor="bulk-tcp"),
    Workload("bulk TCP recv(65536) (per 64 KiB)", _run(_receive), n=4096, quick_n=256,
             floor="bulk-tcp"),
]
