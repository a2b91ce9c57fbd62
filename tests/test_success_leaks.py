"""Calls that succeed free what they took: a few thousand rounds of each
everyday call leave the memory Python allocated (tracemalloc) as it was,
through the stdlib and through pysock alike, and grow the C heap (glibc's
count; the binding's own allocations) no more than the stdlib's calls do. (test_faults_leaks.py covers the
error paths; a forgotten reference on a success path shows up only here:
every result tuple, address string or bytes object it keeps alive grows the
traced memory by its size, round after round.)"""
import gc
import os
import tracemalloc

import pytest

from heaputil import c_heap_in_use
from sockutil import HAS_UNIX

ROUNDS = 3000
# A leak of one small object (>= 32 bytes) per call shows up as ~100 KB.
SLACK = 48 * 1024


class Scenarios:
    """The calls, on sockets made once per module."""

    def __init__(self, mod):
        self.mod = mod
        self.closers = []
        lst = self.keep(mod.socket(mod.AF_INET, mod.SOCK_STREAM))
        lst.bind(("127.0.0.1", 0))
        lst.listen()
        self.client = self.keep(mod.create_connection(lst.getsockname()))
        self.server, _ = lst.accept()
        self.keep(self.server)
        for s in (self.client, self.server):  # no Nagle / delayed-ACK waits between rounds
            s.setsockopt(mod.IPPROTO_TCP, mod.TCP_NODELAY, 1)
        self.lst = lst
        self.udp_a = self.keep(mod.socket(mod.AF_INET, mod.SOCK_DGRAM))
        self.udp_a.bind(("127.0.0.1", 0))
        self.udp_b = self.keep(mod.socket(mod.AF_INET, mod.SOCK_DGRAM))
        self.udp_b.bind(("127.0.0.1", 0))
        self.buf = bytearray(64)

    def keep(self, s):
        self.closers.append(s)
        return s

    def close(self):
        for s in self.closers:
            s.close()

    # -- the calls (each returns nothing; results are dropped at once) -------

    # Data to send is made anew each round: a buffer view never released
    # keeps its object alive, which shows only if the object is a new one.

    def stream(self):
        self.client.sendall(bytearray(b"ping" * 4))
        self.server.recv(16)
        self.client.send(bytes(bytearray(b"abcd")))
        self.server.recv_into(self.buf, 4)
        self.server.sendall(b"x")
        self.client.recv(1, self.mod.MSG_PEEK)
        self.client.recv(1)
        self.client.sendall(b"y" * 100)
        self.server.recv(10_000)  # a buffer larger than the stack's, a short read

    def datagram(self):
        self.udp_a.sendto(bytearray(b"hello"), self.udp_b.getsockname())
        self.udp_b.recvfrom(16)
        self.udp_a.sendto(b"hello", 0, self.udp_b.getsockname())
        self.udp_b.recvfrom_into(self.buf)
        self.udp_a.sendto(b"large buffer", self.udp_b.getsockname())
        self.udp_b.recvfrom(10_000)

    def names(self):
        self.client.getsockname()
        self.client.getpeername()
        self.lst.getsockname()
        repr(self.client)

    def options(self):
        mod = self.mod
        self.client.setsockopt(mod.SOL_SOCKET, mod.SO_KEEPALIVE, 1)
        self.client.getsockopt(mod.SOL_SOCKET, mod.SO_KEEPALIVE)
        self.client.getsockopt(mod.SOL_SOCKET, mod.SO_RCVBUF, 8)
        self.client.setsockopt(mod.SOL_SOCKET, mod.SO_RCVBUF, b"\0\0\1\0")
        self.client.settimeout(1.5)
        self.client.gettimeout()
        self.client.settimeout(None)
        self.client.getblocking()

    def lifecycle(self):
        mod = self.mod
        with mod.socket(mod.AF_INET, mod.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            s.dup().close()
        a, b = mod.socketpair()
        a.close()
        b.close()

    def resolver(self):
        mod = self.mod
        mod.getaddrinfo("127.0.0.1", 80, mod.AF_INET, mod.SOCK_STREAM)
        mod.getaddrinfo("::1", "80", mod.AF_INET6, 0, 0, mod.AI_NUMERICHOST)
        mod.getnameinfo(("127.0.0.1", 80), mod.NI_NUMERICHOST | mod.NI_NUMERICSERV)
        mod.gethostbyname("127.0.0.1")
        mod.gethostbyname_ex("127.0.0.1")
        mod.getprotobyname("tcp")

    def interfaces(self):
        mod = self.mod
        if not hasattr(mod, "if_nameindex"):
            return
        index, name = mod.if_nameindex()[0]
        mod.if_nametoindex(name)
        mod.if_indextoname(index)

    def conversions(self):
        mod = self.mod
        mod.inet_aton("10.1.2.3")
        mod.inet_ntoa(b"\x0a\x01\x02\x03")
        mod.inet_pton(mod.AF_INET6, "fe80::1:2")
        mod.inet_ntop(mod.AF_INET6, b"\xfe\x80" + bytes(13) + b"\x01")
        mod.inet_pton(mod.AF_INET, "192.0.2.1")
        mod.inet_ntop(mod.AF_INET, b"\xc0\x00\x02\x01")
        mod.htons(80)
        mod.ntohl(1 << 24)

    def messages(self):
        mod = self.mod
        if not hasattr(self.client, "sendmsg"):
            return
        self.client.sendmsg([bytearray(b"ab"), memoryview(bytearray(b"cd"))])
        self.server.recvmsg(16, mod.CMSG_SPACE(4))
        self.udp_a.sendmsg([b"x"], [], 0, self.udp_b.getsockname())
        self.udp_b.recvmsg_into([self.buf], 0)
        mod.CMSG_LEN(4)

    def unix(self):
        mod = self.mod
        if not HAS_UNIX or not hasattr(mod, "AF_UNIX") or not hasattr(mod.socket, "sendmsg"):
            return
        a, b = mod.socketpair(mod.AF_UNIX, mod.SOCK_DGRAM)
        with a, b:
            r, w = os.pipe()
            try:
                a.sendmsg([b"fd"], [(mod.SOL_SOCKET, mod.SCM_RIGHTS, r.to_bytes(4, "little"))])
                _, ancdata, _, _ = b.recvmsg(8, mod.CMSG_SPACE(4))
                for _level, _type, data in ancdata:
                    os.close(int.from_bytes(data[:4], "little"))
            finally:
                os.close(r)
                os.close(w)
            a.getsockname()

    def afalg(self):
        """sendmsg_afalg with an IV too long for its control buffer's stack
        part (the kernel refuses the length: the error path frees it too)."""
        if self.alg is None:
            return
        try:
            self.alg.sendmsg_afalg([bytearray(16)], op=self.mod.ALG_OP_ENCRYPT, iv=bytes(400))
        except OSError:
            pass
        self.alg.sendmsg_afalg([bytearray(16)], op=self.mod.ALG_OP_ENCRYPT, iv=bytes(16))
        self.alg.recv(16)

    @property
    def alg(self):
        if not hasattr(self, "_alg"):
            self._alg = None
            mod = self.mod
            if hasattr(mod, "AF_ALG") and hasattr(mod.socket, "sendmsg_afalg"):
                try:
                    tfm = self.keep(mod.socket(mod.AF_ALG, mod.SOCK_SEQPACKET, 0))
                    tfm.bind(("skcipher", "cbc(aes)"))
                    tfm.setsockopt(mod.SOL_ALG, mod.ALG_SET_KEY, bytes(16))
                    self._alg = self.keep(tfm.accept()[0])
                except OSError:
                    self._alg = None
        return self._alg


CALLS = ["stream", "datagram", "names", "options", "lifecycle", "resolver", "interfaces", "conversions", "messages",
         "unix", "afalg"]


@pytest.mark.parametrize("call", CALLS)
def test_success_paths_leak_nothing(both, call):
    growth, heap_growth = {}, {}
    for mod in both:
        scenarios = Scenarios(mod)
        try:
            run = getattr(scenarios, call)
            for _ in range(200):  # warm-up: caches, free lists, interned names
                run()
            gc.collect()
            tracemalloc.start()
            try:
                start, heap = tracemalloc.get_traced_memory()[0], c_heap_in_use() or 0
                for _ in range(ROUNDS):
                    run()
                gc.collect()
                growth[mod.__name__] = tracemalloc.get_traced_memory()[0] - start
                heap_growth[mod.__name__] = (c_heap_in_use() or 0) - heap
            finally:
                tracemalloc.stop()
        finally:
            scenarios.close()
    assert growth["socket"] < SLACK, growth  # the test's own calls are clean
    assert growth["pysock"] < SLACK, growth
    # The C heap also holds tracemalloc's own records: pysock's growth is
    # compared with the stdlib's in the same run.
    assert heap_growth["pysock"] < heap_growth["socket"] + SLACK, heap_growth
