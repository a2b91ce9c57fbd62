"""64-byte ping-pong, both ends in one thread: send on A, recv on B, send on
B, recv on A is one round trip. Over a socketpair and over TCP loopback
(TCP_NODELAY). Every message received is compared with the one sent."""
from _bench import Workload, crc, expect, tcp_pair, timed

MESSAGE = bytes(range(64))


def _loop(a, b, n):
    a_send, a_recv, b_send, b_recv = a.send, a.recv, b.send, b.recv
    msg, size, bad = MESSAGE, len(MESSAGE), 0
    for _ in range(n):
        a_send(msg)
        if b_recv(size) != msg:
            bad += 1
        b_send(msg)
        if a_recv(size) != msg:
            bad += 1
    return bad


def _run(pair):
    def run(mod, n):
        a, b = pair(mod)
        with a, b:
            seconds, bad = timed(_loop, a, b, n)
        expect(bad == 0, f"{bad} messages arrived changed or short")
        return seconds, (2 * n * len(MESSAGE), crc(MESSAGE))
    return run


WORKLOADS = [
    Workload("ping-pong socketpair 64 B", _run(lambda mod: mod.socketpair()), n=100_000,
             floor="pingpong-pair"),
    Workload("ping-pong TCP 64 B", _run(tcp_pair), n=50_000, floor="pingpong-tcp"),
]
