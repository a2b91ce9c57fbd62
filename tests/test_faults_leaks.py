"""Every error path frees what it took: 10,000 injected failures of each
kind leave the number of open descriptors (handles on Windows), the memory
Python allocated (tracemalloc) and the resident set where the OS tells it
as they were. Received SCM_RIGHTS descriptors are closed when building the
result fails, as the stdlib does (its err_closefds path)."""
import array
import gc
import os
import sys
import tempfile
import tracemalloc
import warnings

import pytest

from sockutil import HAS_UNIX, IS_WINDOWS

pytestmark = pytest.mark.pysock_only

ROUNDS = 10_000
# A leak of one small object per failure shows up as at least ~300 KB.
PYTHON_MEMORY_SLACK = 64 * 1024
# The resident set moves by whole pages and allocator arenas.
RSS_SLACK = 1024 * 1024


def open_handles():
    if IS_WINDOWS:
        import ctypes

        count = ctypes.c_ulong()
        kernel32 = ctypes.windll.kernel32
        kernel32.GetCurrentProcess.restype = ctypes.c_void_p
        kernel32.GetProcessHandleCount(ctypes.c_void_p(kernel32.GetCurrentProcess()), ctypes.byref(count))
        return count.value
    return len(os.listdir("/proc/self/fd" if sys.platform.startswith("linux") else "/dev/fd"))


def resident_bytes():
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return None


class Kinds:
    """One failure per call of `run`, for each kind of fault: set up in
    __init__, torn down in close."""

    def __init__(self, mod, kind):
        self.mod = mod
        self.kind = kind
        self.closers = []
        self.spec = getattr(self, "setup_" + kind)()

    def pair(self, family=None, kind=None):
        a, b = self.mod.socketpair() if family is None else self.mod.socketpair(family, kind)
        self.closers += [a.close, b.close]
        return a, b

    def setup_recv_econnreset(self):
        _, self.b = self.pair()
        return f"recv@{self.b.fileno()}=econnreset"

    def run_recv_econnreset(self):
        self.b.recv(10)

    def setup_recv_eagain(self):
        _, self.b = self.pair()
        self.b.setblocking(False)
        return f"recv@{self.b.fileno()}=eagain"

    def run_recv_eagain(self):
        self.b.recv_into(bytearray(10))

    def setup_send_enobufs(self):
        self.a, _ = self.pair()
        return f"send@{self.a.fileno()}=enobufs"

    def run_send_enobufs(self):
        self.a.sendall(b"x" * 100)

    def setup_send_enomem(self):
        self.a, _ = self.pair()
        return f"send@{self.a.fileno()}=enomem"

    def run_send_enomem(self):
        self.a.send(b"x" * 10000)

    def setup_socket_emfile(self):
        return "socket=emfile"

    def run_socket_emfile(self):
        self.mod.socket()

    def setup_close_enobufs(self):
        # close fails after closing (the contract): nothing may stay open.
        return "close=enobufs"

    def run_close_enobufs(self):
        self.mod.socket().close()

    def setup_getaddrinfo(self):
        return "getaddrinfo=eai_noname"

    def run_getaddrinfo(self):
        self.mod.getaddrinfo("localhost", 80)

    def setup_connect_refused(self):
        return "connect=econnrefused"

    def run_connect_refused(self):
        self.mod.create_connection(("127.0.0.1", 9), timeout=5)

    def setup_accept_taken(self):
        if HAS_UNIX:
            self.dir = tempfile.TemporaryDirectory()
            self.closers.append(self.dir.cleanup)
            self.family, self.address = self.mod.AF_UNIX, os.path.join(self.dir.name, "s")
        else:
            self.family, self.address = self.mod.AF_INET, ("127.0.0.1", 0)
        self.lst = self.mod.socket(self.family)
        self.closers.append(self.lst.close)
        self.lst.bind(self.address)
        self.lst.listen()
        self.address = self.lst.getsockname()
        return f"accept@{self.lst.fileno()}=taken"

    def run_accept_taken(self):
        with self.mod.socket(self.family) as client:
            client.connect(self.address)
            self.lst.accept()

    def setup_socketpair_wrap_fails(self):
        # With a default timeout every new socket object is made
        # non-blocking; that fails for the first of the pair.
        self.mod.setdefaulttimeout(5)
        self.closers.append(lambda: self.mod.setdefaulttimeout(None))
        return "set_nonblocking=enobufs*1"

    def run_socketpair_wrap_fails(self):
        self.mod.socketpair()

    def setup_rights_result_fails(self):
        # The binding walks the received control data; the first step is
        # made to fail, and with warnings as errors the result cannot be
        # built: the two descriptors received must be closed.
        self.a, self.b = self.pair(self.mod.AF_UNIX, self.mod.SOCK_DGRAM)
        r, w = os.pipe()
        self.closers += [lambda: os.close(r), lambda: os.close(w)]
        self.rights = [(self.mod.SOL_SOCKET, self.mod.SCM_RIGHTS, array.array("i", [r, w]))]
        self.space = self.mod.CMSG_SPACE(2 * array.array("i").itemsize)
        return "cmsg_next=invalid*1"

    def run_rights_result_fails(self):
        self.a.sendmsg([b"x"], self.rights)
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            self.b.recvmsg(1, self.space)

    def close(self):
        for close in reversed(self.closers):
            close()


KINDS = ["recv_econnreset", "recv_eagain", "send_enobufs", "send_enomem", "socket_emfile",
         "close_enobufs", "getaddrinfo", "connect_refused", "accept_taken", "socketpair_wrap_fails",
         "rights_result_fails"]


def scenario_failures_leak_nothing(mod, faults, kind):
    kinds = Kinds(mod, kind)
    run = getattr(kinds, "run_" + kind)
    spec = kinds.spec

    def round_():
        faults.set(spec)
        try:
            run()
        except (OSError, RuntimeWarning):
            pass
        return faults.injected()

    try:
        for _ in range(100):  # warm-up: caches, lazy imports, arenas
            round_()
        gc.collect()
        handles, rss = open_handles(), resident_bytes()
        tracemalloc.start()
        python_memory = tracemalloc.get_traced_memory()[0]
        injected = sum(round_() for _ in range(ROUNDS))
        gc.collect()
        python_growth = tracemalloc.get_traced_memory()[0] - python_memory
        tracemalloc.stop()
        rss_after = resident_bytes()
        return {
            "injected": injected,
            "handles": [handles, open_handles()],
            "python_growth": python_growth,
            "rss_growth": None if rss is None else rss_after - rss,
        }
    finally:
        kinds.close()


@pytest.mark.parametrize("kind", KINDS)
def test_injected_failures_leak_nothing(fault_worker, pysock, kind):
    if kind == "rights_result_fails" and not hasattr(pysock.socket, "recvmsg"):
        pytest.skip("no recvmsg on this platform (as in the stdlib)")
    report = fault_worker.run(scenario_failures_leak_nothing, kind)
    assert report["injected"] == ROUNDS, report
    before, after = report["handles"]
    assert after == before, report
    assert report["python_growth"] < PYTHON_MEMORY_SLACK, report
    if report["rss_growth"] is not None:
        assert report["rss_growth"] < RSS_SLACK, report
