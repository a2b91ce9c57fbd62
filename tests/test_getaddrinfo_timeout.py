"""getaddrinfo(..., timeout=...), pysock's own extension, against the stdlib's
getaddrinfo without a timeout: the same results and errors for numeric
hosts and for names the machine resolves itself ('localhost'), through the
timed lookup (a worker thread on POSIX, asynchronous GetAddrInfoExW on
Windows); the timeout judged as settimeout judges it; the stdlib's audit
event; PEP 475 under injected EINTR; no threads or descriptors left behind.
Lookups that never answer: test_getaddrinfo_timeout_namespace.py (Linux)."""
import os
import socket as std
import sys
import threading
import time

import pytest

from faultutil import stdlib_run
from heaputil import c_heap_in_use
from sockutil import HAS_IPV6, IS_WINDOWS

pytestmark = pytest.mark.pysock_only


def describe(fn, *args, **kwargs):
    """A module-neutral outcome: the sorted results, or the exception's
    type, errno and text."""
    try:
        return ("ok", sorted((int(f), int(t), p, c, a) for f, t, p, c, a in fn(*args, **kwargs)))
    except Exception as e:  # noqa: BLE001 - compared below
        return ("raise", type(e).__name__, getattr(e, "errno", None), str(e))


def flags(m, names):
    value = 0
    for name in names.split("|") if names else ():
        value |= getattr(m, name)
    return value


# (host, port, family, type, flags by name). AI_CANONNAME and names take the
# timed lookup itself; plain numeric hosts are answered without one.
QUERIES = [
    ("127.0.0.1", 80, "", "", ""),
    ("127.0.0.1", None, "", "", ""),
    ("127.0.0.1", "80", "", "", ""),
    (b"127.0.0.1", b"80", "", "", ""),
    ("127.0.0.1", 53, "AF_INET", "SOCK_DGRAM", ""),
    ("127.0.0.1", 80, "", "", "AI_CANONNAME"),
    ("127.0.0.1", 80, "", "SOCK_STREAM", "AI_CANONNAME|AI_NUMERICHOST"),
    ("127.0.0.1", "http", "", "SOCK_STREAM", ""),
    (None, 80, "", "SOCK_STREAM", "AI_PASSIVE"),
    (None, 80, "", "SOCK_STREAM", ""),
    ("localhost", 80, "", "", ""),
    ("localhost", 80, "AF_INET", "SOCK_STREAM", ""),
    ("localhost", 80, "", "SOCK_STREAM", "AI_CANONNAME"),
    ("localhost", "http", "", "SOCK_STREAM", ""),
    ("not an address", 80, "", "", "AI_NUMERICHOST"),
    ("127.0.0.1", "no-such-service-xyz", "", "", ""),
    ("127.0.0.1", "no-such-service-xyz", "", "", "AI_NUMERICSERV"),
    ("127.0.0.1", 80, "AF_INET6", "", "AI_NUMERICHOST"),
    ("127.0.0.1", 70000, "", "", ""),
]
if HAS_IPV6:
    QUERIES += [
        ("::1", 443, "", "", ""),
        ("::1", 443, "AF_INET6", "SOCK_STREAM", "AI_CANONNAME"),
    ]


def query(m, host, port, family, kind, names, **kwargs):
    return describe(m.getaddrinfo, host, port, flags(m, family), flags(m, kind), 0, flags(m, names), **kwargs)


@pytest.mark.parametrize("q", QUERIES, ids=[repr(q) for q in QUERIES])
def test_results_and_errors_equal_stdlib(both, q):
    stdlib, pysock = both
    expected = query(stdlib, *q)
    assert query(pysock, *q, timeout=30) == expected
    assert query(pysock, *q, timeout=None) == expected


@pytest.mark.parametrize("host", ["127.0.0.1", None] + (["::1"] if HAS_IPV6 else []))
def test_numeric_hosts_need_no_time(both, host):
    """An address is not looked up: even a timeout of 0 gives the answer."""
    stdlib, pysock = both
    assert describe(pysock.getaddrinfo, host, 80, timeout=0) == describe(stdlib.getaddrinfo, host, 80)


def test_zero_timeout_for_a_name(pysock):
    """A name is looked up, and no lookup answers in no time at all."""
    result = describe(pysock.getaddrinfo, "localhost", 80, timeout=0)
    assert result[:2] == ("raise", "TimeoutError") or result == describe(std.getaddrinfo, "localhost", 80)


# Bad timeouts: whatever settimeout raises for them.
BAD_TIMEOUTS = [-1, -0.001, float("nan"), float("-inf"), float("inf"), 10 ** 30, 1e300, "1", b"1", [], 1j]


@pytest.mark.parametrize("value", BAD_TIMEOUTS, ids=[repr(v) for v in BAD_TIMEOUTS])
def test_bad_timeouts_raise_what_settimeout_raises(pysock, value):
    with std.socket() as s:
        try:
            s.settimeout(value)
            expected = ("ok",)
        except Exception as e:  # noqa: BLE001 - compared below
            expected = ("raise", type(e).__name__, str(e))
    try:
        pysock.getaddrinfo("127.0.0.1", 80, timeout=value)
        got = ("ok",)
    except Exception as e:  # noqa: BLE001 - compared below
        got = ("raise", type(e).__name__, str(e))
    assert got == expected


def test_timeout_is_keyword_only(pysock):
    with pytest.raises(TypeError):
        pysock.getaddrinfo("127.0.0.1", 80, 0, 0, 0, 0, 5)


def test_audit_event_is_the_stdlibs(pysock):
    events = []
    recording = [False]

    def hook(event, args):
        if recording[0] and event == "socket.getaddrinfo":
            events.append(args)

    sys.addaudithook(hook)
    recording[0] = True
    try:
        std.getaddrinfo("localhost", 80, std.AF_INET, std.SOCK_STREAM)
        pysock.getaddrinfo("localhost", 80, pysock.AF_INET, pysock.SOCK_STREAM, timeout=10)
        pysock.getaddrinfo("127.0.0.1", "80", timeout=10)
        std.getaddrinfo("127.0.0.1", "80")
    finally:
        recording[0] = False
    assert events[0] == events[1] == ("localhost", 80, std.AF_INET, std.SOCK_STREAM, 0)
    assert events[2] == events[3] == ("127.0.0.1", "80", 0, 0, 0)
    assert len(events) == 4


def test_many_lookups_at_once(both):
    """More concurrent lookups than the POSIX pool has workers (they queue)."""
    stdlib, pysock = both
    expected = describe(stdlib.getaddrinfo, "localhost", 80, 0, stdlib.SOCK_STREAM, 0, stdlib.AI_CANONNAME)
    results = []

    def lookups():
        for _ in range(4):
            results.append(describe(pysock.getaddrinfo, "localhost", 80, 0, pysock.SOCK_STREAM, 0,
                                    pysock.AI_CANONNAME, timeout=60))

    threads = [threading.Thread(target=lookups) for _ in range(48)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 192
    assert all(r == expected for r in results), [r for r in results if r != expected][:1]


def _tasks():
    return len(os.listdir("/proc/self/task"))


def _settled_tasks(limit=30):
    """The thread count once no lookup's worker is left (earlier tests' too):
    when it has stopped falling for a moment."""
    deadline = time.monotonic() + limit
    count, steady = _tasks(), 0
    while steady < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
        now = _tasks()
        count, steady = now, steady + 1 if now == count else 0
    return count


@pytest.mark.skipif(IS_WINDOWS or not os.path.isdir("/proc/self/task"),
                    reason="counts threads with /proc/self/task")
def test_abandoned_lookups_leave_nothing_behind(pysock):
    """Lookups abandoned at once (timeout 0) finish in the background; their
    workers exit and their descriptors are closed when they do."""
    baseline, fds = _settled_tasks(), len(os.listdir("/proc/self/fd"))
    expected = describe(std.getaddrinfo, "localhost", 80)
    for _ in range(300):
        result = describe(pysock.getaddrinfo, "localhost", 80, timeout=0)
        assert result[:2] == ("raise", "TimeoutError") or result == expected
    assert _settled_tasks() == baseline
    assert len(os.listdir("/proc/self/fd")) == fds


# -- through the fault-injecting backend ---------------------------------------------


def _lookup(mod, *args, timeout=10):
    """The stdlib's getaddrinfo, or pysock's with a timeout."""
    if mod.__name__ == "socket":
        return describe(mod.getaddrinfo, *args)
    return describe(mod.getaddrinfo, *args, timeout=timeout)


def scenario_interrupted_waits(mod, faults):
    faults.set("getaddrinfo_wait=eintr*3")
    result = _lookup(mod, "localhost", 80, 0, mod.SOCK_STREAM, 0, mod.AI_CANONNAME)
    return [list(result), faults.injected()]


def test_interrupted_wait_is_retried(fault_worker):
    faulted = fault_worker.run(scenario_interrupted_waits)
    assert faulted[0] == stdlib_run(scenario_interrupted_waits)[0]
    assert faulted[1] == 3


def scenario_always_interrupted(mod, faults):
    # Only a retry that counts the time left from the start ever ends.
    faults.set("getaddrinfo_wait=eintr")
    result = _lookup(mod, "localhost", 80, 0, mod.SOCK_STREAM, 0, mod.AI_CANONNAME, timeout=0.3)
    injected = faults.injected()
    faults.set("")
    return [list(result), injected is None or injected > 0]


def test_interrupted_waits_keep_the_deadline(fault_worker):
    assert fault_worker.run(scenario_always_interrupted) == [["raise", "TimeoutError", None, "timed out"], True]


def scenario_failures(mod, faults, spec):
    faults.set(spec)
    result = _lookup(mod, "localhost", 80, 0, mod.SOCK_STREAM)
    faults.set("")
    # The lookups go on working afterwards.
    return [list(result), list(_lookup(mod, "localhost", 80, 0, mod.SOCK_STREAM))]


@pytest.mark.parametrize("spec,error", [
    ("getaddrinfo_start=eai_again*1", "gaierror"),
    ("getaddrinfo_start=emfile*1", "OSError"),
    ("getaddrinfo_wait=enomem*1", "OSError"),
])
def test_backend_failures_are_raised(fault_worker, spec, error):
    failed, after = fault_worker.run(scenario_failures, spec)
    assert failed[:2] == ["raise", error]
    assert after == stdlib_run(scenario_failures, spec)[1]


@pytest.mark.skipif(not IS_WINDOWS, reason="Windows handles")
def test_abandoned_lookups_close_their_handles(pysock):
    """Each lookup has an event handle; abandoned ones close it when they
    complete (or are cancelled)."""
    import ctypes

    kernel32 = ctypes.windll.kernel32
    kernel32.CreateEventW.restype = ctypes.c_void_p
    kernel32.CloseHandle.argtypes = [ctypes.c_void_p]
    count = ctypes.c_ulong()

    def handles():
        if kernel32.GetProcessHandleCount(kernel32.GetCurrentProcess(), ctypes.byref(count)) and count.value:
            return count.value
        # Wine counts nothing (0), but gives a new handle the lowest free
        # slot: its number grows with every handle left open.
        probe = kernel32.CreateEventW(None, True, False, None)
        kernel32.CloseHandle(probe)
        return probe // 4

    for _ in range(20):   # Winsock's own thread pool and caches settle first
        describe(pysock.getaddrinfo, "localhost", 80, timeout=0)
    time.sleep(0.5)
    before = handles()
    for _ in range(300):
        describe(pysock.getaddrinfo, "localhost", 80, timeout=0)
    deadline = time.monotonic() + 30
    while handles() > before + 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert handles() <= before + 10


def scenario_which_queries_start_a_lookup(mod, faults, host, port):
    # Every lookup started fails: what answers anyway was never looked up.
    faults.set("getaddrinfo_start=eai_again")
    result = describe(mod.getaddrinfo, host, port, 0, mod.SOCK_STREAM, timeout=10)
    injected = faults.injected()
    faults.set("")
    return [result[:2] if result[0] == "raise" else "answered", injected]


@pytest.mark.parametrize("host,port,started", [
    ("127.0.0.1", 80, False),
    ("127.0.0.1", "80", False),
    # A service name goes to the resolver (the services database may be remote).
    ("127.0.0.1", "http", True),
    ("127.0.0.1", "8o", True),
    ("localhost", 80, True),
])
def test_only_numeric_queries_skip_the_resolver(fault_worker, host, port, started):
    got = fault_worker.run(scenario_which_queries_start_a_lookup, host, port)
    assert got == ([["raise", "gaierror"], 1] if started else ["answered", 0])


@pytest.mark.skipif(IS_WINDOWS or not os.path.isdir("/proc/self/fd"),
                    reason="the POSIX lookup's pipe; counts descriptors with /proc/self/fd")
def test_no_descriptor_left_for_the_lookup(pysock):
    """The timed lookup's pipe cannot be opened (EMFILE): OSError, as socket()
    reports it, and lookups work again once descriptors are free."""
    import errno
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    held = []
    resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 8, hard))
    try:
        while True:
            try:
                held.append(os.open(os.devnull, os.O_RDONLY))
            except OSError as e:
                assert e.errno == errno.EMFILE
                break
        result = describe(pysock.getaddrinfo, "localhost", 80, timeout=5)
        # Each failed start frees its request: 2000 of them (about 100 bytes
        # each) would show on the C heap.
        heap_before = c_heap_in_use()
        for _ in range(2000):
            describe(pysock.getaddrinfo, "localhost", 80, timeout=5)
        heap_after = c_heap_in_use()
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert result[:3] == ("raise", "OSError", errno.EMFILE), result
    if heap_before is not None:
        assert heap_after - heap_before < 64 * 1024, heap_after - heap_before
    assert describe(pysock.getaddrinfo, "localhost", 80, timeout=5) == describe(std.getaddrinfo, "localhost", 80)


# Names longer than the lookup's own bookkeeping: the timed lookup keeps its
# copies of them (UTF-16 on Windows) in memory of its own until it completes.
# Service names are answered from the local services database: no traffic.
LONG_NAME_QUERIES = [
    ("127.0.0.1", "s" * 300, "", "", ""),
    ("127.0.0.1", "s" * 300, "", "", "AI_NUMERICSERV"),
    ("127.0.0.1", "no-such-service-" + "x" * 1000, "", "SOCK_STREAM", "AI_CANONNAME"),
]


@pytest.mark.parametrize("q", LONG_NAME_QUERIES, ids=["long-service", "long-service-numericserv", "longer-service-canonname"])
def test_long_names_equal_stdlib(both, q):
    stdlib, pysock = both
    expected = query(stdlib, *q)
    for _ in range(3):  # a lookup that scribbled past its memory shows it on a later one
        assert query(pysock, *q, timeout=30) == expected


@pytest.mark.skipif(IS_WINDOWS, reason="descriptor numbers are POSIX's")
def test_lookup_descriptors_on_zero_are_closed(pysock):
    """With descriptor 0 free, a lookup under a timeout may get it for its
    wake-up pipe: it is closed like any other once the lookup is over."""
    saved = os.dup(0)
    try:
        os.close(0)
        for _ in range(3):
            assert pysock.getaddrinfo("localhost", 80, type=std.SOCK_STREAM, timeout=10)
            # The worker lets go of the pipe just after the answer: free again soon.
            deadline = time.monotonic() + 10
            while _descriptor_open(0) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert not _descriptor_open(0)
    finally:
        os.dup2(saved, 0)
        os.close(saved)


def _descriptor_open(fd):
    try:
        os.fstat(fd)
        return True
    except OSError:
        return False
