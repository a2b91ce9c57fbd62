"""Batch datagrams: 64-byte UDP datagrams over 127.0.0.1 in batches of 64.

pysock moves each batch with one sendmmsg and one recvmmsg (its own
extensions); the stdlib, which has neither, with 64 sendto and 64 recvfrom
calls, what code without batch calls writes. One thread, blocking sockets.
Rows: sending and receiving together, then each alone (the other side runs
untimed between the timed batches). The datagrams (each with its sequence
number) and the messages to send are made before the clock starts, for both
modules alike; every datagram received is checked afterwards, in order, with
its source address; the check value is the count and a CRC of all the data.
"""
from _bench import Workload, crc, expect, payload

BATCH = 64
SIZE = 64
BUFSIZE = 2048
BODY = payload(SIZE - 4, seed=3)


def _datagram(i):
    return i.to_bytes(4, "big") + BODY


def _pair(mod):
    a = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    b = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    a.bind(("127.0.0.1", 0))
    b.bind(("127.0.0.1", 0))
    return a, b


class _Traffic:
    """n datagrams from a to b in batches, with either module's calls."""

    def __init__(self, mod, n):
        self.a, self.b = _pair(mod)
        self.to, self.source = self.b.getsockname(), self.a.getsockname()
        self.batched = hasattr(self.a, "sendmmsg")
        datagrams = [_datagram(i) for i in range(n)]
        self.batches = [datagrams[i:i + BATCH] for i in range(0, n, BATCH)]
        if self.batched:
            self.batches = [[([d], (), self.to) for d in batch] for batch in self.batches]
        self.received = []

    def send(self, batch):
        if self.batched:
            sent = self.a.sendmmsg(batch)
            while sent < len(batch):  # a partial batch: the rest
                sent += self.a.sendmmsg(batch[sent:])
        else:
            sendto, to = self.a.sendto, self.to
            for d in batch:
                sendto(d, to)

    def receive(self, count):
        if self.batched:
            got = 0
            while got < count:
                messages = self.b.recvmmsg(count - got, BUFSIZE)
                self.received.extend((data, addr) for data, _, _, addr in messages)
                got += len(messages)
        else:
            recvfrom, keep = self.b.recvfrom, self.received.append
            for _ in range(count):
                keep(recvfrom(BUFSIZE))

    def check(self, n):
        expect(len(self.received) == n, f"{len(self.received)} datagrams received of {n}")
        bad = sum(1 for i, (data, addr) in enumerate(self.received) if data != _datagram(i) or addr != self.source)
        expect(bad == 0, f"{bad} datagrams changed, reordered or from elsewhere")
        total = 0
        for data, _ in self.received:
            total = crc(data, total)
        return n, total

    def close(self):
        self.a.close()
        self.b.close()


def _run(mod, n, timed_send, timed_receive):
    from time import perf_counter

    t = _Traffic(mod, n)
    try:
        seconds = 0.0
        for batch in t.batches:
            t0 = perf_counter()
            t.send(batch)
            t1 = perf_counter()
            t.receive(len(batch))
            t2 = perf_counter()
            seconds += (t1 - t0 if timed_send else 0.0) + (t2 - t1 if timed_receive else 0.0)
        return seconds, t.check(n)
    finally:
        t.close()


def _both(mod, n):
    return _run(mod, n, True, True)


def _send(mod, n):
    return _run(mod, n, True, False)


def _receive(mod, n):
    return _run(mod, n, False, True)


# The C floors are the batch calls themselves (sendmmsg/recvmmsg in C): what
# the kernel alone costs per datagram here, batched.
WORKLOADS = [
    Workload("UDP 64 B batches of 64: send+receive", _both, n=BATCH * 2000, quick_n=BATCH * 50, floor="udp-batch"),
    Workload("UDP 64 B batches of 64: send", _send, n=BATCH * 2000, quick_n=BATCH * 50, floor="udp-batch-send"),
    Workload("UDP 64 B batches of 64: receive", _receive, n=BATCH * 2000, quick_n=BATCH * 50, floor="udp-batch-recv"),
]
