"""Small UDP datagrams (64 bytes) over 127.0.0.1: sendto then recvfrom in
one thread; and a ping-pong with an echo in a second process (the same
module on both sides). Every datagram's bytes and source address are checked."""
import os
import subprocess
import sys

from _bench import Workload, crc, expect, timed

MESSAGE = bytes(range(64, 128))

ECHO = """
import importlib, sys
mod = importlib.import_module(sys.argv[1])
s = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.sendto(b"ready", ("127.0.0.1", int(sys.argv[2])))
while True:
    data, addr = s.recvfrom(2048)
    if data == b"stop":
        break
    s.sendto(data, addr)
"""


def _udp(mod):
    s = mod.socket(mod.AF_INET, mod.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    return s


def _exchange(sender, receiver, to, source, n):
    """n datagrams sent by sender to `to`, each received by receiver, which
    must see it unchanged and from `source`; returns how many were not."""
    sendto, recvfrom, msg, bad = sender.sendto, receiver.recvfrom, MESSAGE, 0
    for _ in range(n):
        sendto(msg, to)
        data, addr = recvfrom(2048)
        if data != msg or addr != source:
            bad += 1
    return bad


def _one_thread(mod, n):
    a, b = _udp(mod), _udp(mod)
    with a, b:
        seconds, bad = timed(_exchange, a, b, b.getsockname(), a.getsockname(), n)
    expect(bad == 0, f"{bad} datagrams changed")
    return seconds, (n * len(MESSAGE), crc(MESSAGE))


def _two_processes(mod, n):
    s = _udp(mod)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    child = subprocess.Popen([sys.executable, "-c", ECHO, mod.__name__, str(s.getsockname()[1])], env=env)
    try:
        with s:
            s.settimeout(30)  # a lost datagram fails the run instead of hanging it
            ready, peer = s.recvfrom(64)
            expect(ready == b"ready", "echo process greeting")
            seconds, bad = timed(_exchange, s, s, peer, peer, n)
            s.sendto(b"stop", peer)
    finally:
        child.wait(30)
    expect(bad == 0, f"{bad} datagrams changed")
    return seconds, (n * len(MESSAGE), crc(MESSAGE))


WORKLOADS = [
    Workload("UDP 64 B sendto+recvfrom, one thread", _one_thread, n=100_000, floor="udp"),
    Workload("UDP 64 B echo, two processes", _two_processes, n=30_000, floor="udp-echo"),
]
