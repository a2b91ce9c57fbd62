"""Run by test_getaddrinfo_timeout_namespace inside a private mount and network
namespace, whose /etc/resolv.conf names 127.0.0.1 as the only nameserver and
whose /etc/hosts (and, for some scenarios, /etc/nsswitch.conf) the test wrote.
A DNS server of this script's own answers on 127.0.0.1:53 (or never does);
the scenario's measurements are printed as one JSON object.

usage: resolver_namespace_run.py SCENARIO
"""
import json
import os
import socket
import struct
import sys
import threading
import time

import pysock
from heaputil import c_heap_in_use

TAIL_LIMIT = 60.0        # how long the stuck lookups may take to end (s)
LATE_ADDRESSES = 20      # A records in each late answer
LATE_DELAY = 0.6         # how late it comes (s)
WORKERS = 32             # the POSIX backend's max_workers


class DnsServer:
    """UDP on 127.0.0.1:53. mode "drop": reads every query and never answers;
    "late": answers A queries after LATE_DELAY with LATE_ADDRESSES records
    (10.0.0.1, ...), and others with no records; "nxdomain": answers at once
    that the name does not exist."""

    def __init__(self, mode):
        self.mode = mode
        self.queries = 0
        self.first_labels = set()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 53))
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            query, peer = self.sock.recvfrom(4096)
            self.queries += 1
            if len(query) > 13:
                self.first_labels.add(query[13:13 + query[12]].decode("ascii", "replace"))
            if self.mode == "drop":
                continue
            if self.mode == "late":
                threading.Timer(LATE_DELAY, self._answer, (query, peer)).start()
            else:
                self._answer(query, peer)

    def _answer(self, query, peer):
        ident, = struct.unpack("!H", query[:2])
        end = 12
        while query[end]:
            end += 1 + query[end]
        question = query[12:end + 5]
        qtype, = struct.unpack("!H", question[-4:-2])
        if self.mode == "nxdomain":
            header = struct.pack("!HHHHHH", ident, 0x8183, 1, 0, 0, 0)
            self.sock.sendto(header + question, peer)
            return
        records = b""
        count = LATE_ADDRESSES if qtype == 1 else 0
        for i in range(count):
            records += struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + bytes([10, 0, 0, i + 1])
        header = struct.pack("!HHHHHH", ident, 0x8180, 1, count, 0, 0)
        self.sock.sendto(header + question + records, peer)


def tasks():
    """Threads of this process, the native ones included."""
    return len(os.listdir("/proc/self/task"))


def descriptors():
    return len(os.listdir("/proc/self/fd"))


def outcome(fn, *args, **kwargs):
    try:
        return ["ok", sorted(repr(r) for r in fn(*args, **kwargs))]
    except Exception as e:  # noqa: BLE001 - described for the comparison
        return ["raise", type(e).__name__, getattr(e, "errno", None), str(e)]


def timed(fn, *args, **kwargs):
    start = time.monotonic()
    result = outcome(fn, *args, **kwargs)
    return result, time.monotonic() - start


def settle(baseline):
    """Waits until the thread count is back at `baseline`; the seconds it took,
    or None if it never was within TAIL_LIMIT."""
    start = time.monotonic()
    while tasks() > baseline:
        if time.monotonic() - start > TAIL_LIMIT:
            return None
        time.sleep(0.05)
    return time.monotonic() - start


def blocked_signals(tid):
    """The signal numbers thread `tid` of this process blocks (its SigBlk)."""
    with open(f"/proc/self/task/{tid}/status") as f:
        for line in f:
            if line.startswith("SigBlk:"):
                mask = int(line.split()[1], 16)
                return [n for n in range(1, 65) if mask >> (n - 1) & 1]
    return None


def scenario_stuck():
    """A nameserver that never answers (resolv.conf: timeout:30 attempts:5)."""
    server = DnsServer("drop")
    out = {}
    before = set(os.listdir("/proc/self/task"))
    cpu = time.thread_time()
    out["timed"], out["elapsed"] = timed(pysock.getaddrinfo, "name.invalid.example", 80, timeout=0.5)
    # The processor time the caller's thread spent meanwhile: a wait that
    # sleeps uses next to none, one that polls uses all of it.
    out["caller_cpu"] = time.thread_time() - cpu
    out["queries"] = server.queries
    # The abandoned lookup's worker is still stuck: the signals it blocks,
    # against the caller's (the main thread's) for comparison.
    workers = sorted(set(os.listdir("/proc/self/task")) - before)
    out["worker_blocked"] = [blocked_signals(tid) for tid in workers]
    out["caller_blocked"] = blocked_signals(str(threading.get_native_id()))
    # The stdlib, without a timeout, on the same kind of name: still waiting
    # when pysock has long given up.
    waiting = threading.Thread(target=outcome, args=(socket.getaddrinfo, "other.invalid.example", 80),
                               daemon=True)
    waiting.start()
    waiting.join(2.0)
    out["stdlib_still_waiting"] = waiting.is_alive()
    # A signal handler that raises ends the wait; one that returns does not.
    import signal

    class Interrupted(Exception):
        pass

    def stop(signum, frame):
        raise Interrupted

    signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    out["raising_handler"], out["raising_handler_elapsed"] = timed(
        pysock.getaddrinfo, "third.invalid.example", 80, timeout=5)
    calls = []
    signal.signal(signal.SIGALRM, lambda signum, frame: calls.append(signum))
    signal.setitimer(signal.ITIMER_REAL, 0.1, 0.1)
    out["returning_handler"], out["returning_handler_elapsed"] = timed(
        pysock.getaddrinfo, "fourth.invalid.example", 80, timeout=0.8)
    signal.setitimer(signal.ITIMER_REAL, 0)
    out["handler_calls"] = len(calls)
    return out


def scenario_threads():
    """Timed-out lookups (resolv.conf: timeout:1 attempts:1): the workers stay
    within their cap, and all exit once the resolver gives up."""
    DnsServer("drop")
    baseline = tasks()
    fds = descriptors()
    most = baseline
    outcomes = set()
    for i in range(60):
        outcomes.add(outcome(pysock.getaddrinfo, f"n{i}.invalid.example", 80, timeout=0.02)[1])
        most = max(most, tasks())
    in_child = forked_lookup()
    return {"baseline": baseline, "most": most, "outcomes": sorted(outcomes), "in_child": in_child,
            "settled_after": settle(baseline), "fds_before": fds, "fds_after": descriptors()}


def scenario_queued():
    """Lookups started while every worker is stuck (resolv.conf: timeout:8
    attempts:1, a server that never answers) wait in the queue; each one's
    caller gives up long before a worker is free, which takes it out of the
    queue: it never runs. The server sees the names of the first WORKERS
    lookups only. (WORKERS: max_workers of backends/posix/resolver.zig.)"""
    server = DnsServer("drop")
    baseline = tasks()
    outcomes = set()
    for i in range(WORKERS + 10):
        outcomes.add(outcome(pysock.getaddrinfo, f"q{i}.invalid.example", 80, timeout=0.02)[1])
    settled = settle(baseline)
    time.sleep(0.2)  # a query still on its way
    return {"outcomes": sorted(outcomes), "settled_after": settled,
            "queried": sorted(server.first_labels, key=lambda label: (len(label), label))}


def forked_lookup():
    """A timed lookup in a child forked while every worker is stuck: the
    child has none of them, and must not wait for them."""
    import warnings

    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)   # 3.12+: fork with threads
        pid = os.fork()
    if pid == 0:
        os.close(read)
        os.write(write, json.dumps(outcome(pysock.getaddrinfo, "localhost", 80, timeout=2)).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as f:
        result = json.loads(f.read())
    os.waitpid(pid, 0)
    return [result, outcome(socket.getaddrinfo, "localhost", 80)]


def scenario_late():
    """Answers that come after the caller gave up: each result list is made
    after the timeout, and must be freed by the worker that got it."""
    DnsServer("late")
    out = {"stdlib": outcome(socket.getaddrinfo, "late.example", 80, type=socket.SOCK_STREAM)}
    out["pysock"] = outcome(pysock.getaddrinfo, "late.example", 80, type=socket.SOCK_STREAM, timeout=5)
    baseline = tasks()
    for name in ("warm-up",):
        for i in range(40):
            outcome(pysock.getaddrinfo, f"{name}{i}.example", 80, timeout=0.01)
    settle(baseline)
    heap, fds = c_heap_in_use(), descriptors()
    for i in range(200):
        outcome(pysock.getaddrinfo, f"late{i}.example", 80, timeout=0.01)
    out["settled_after"] = settle(baseline)
    after = c_heap_in_use()
    out["heap_growth"] = None if heap is None else after - heap
    out["fds_growth"] = descriptors() - fds
    return out


def scenario_names():
    """Names from /etc/hosts, and the errors of names nobody knows (the
    nameserver answers NXDOMAIN; with nsswitch 'hosts: files' DNS is not
    asked at all): the same with a timeout as without."""
    DnsServer("nxdomain")
    out = {}
    for label, args, kwargs in [
        ("hosts", ("myhost.example", 80), {}),
        ("hosts-stream", ("myhost.example", 443), {"type": socket.SOCK_STREAM}),
        ("hosts-canonname", ("myalias.example", 80), {"flags": socket.AI_CANONNAME}),
        ("hosts-inet6", ("myhost6.example", 80), {"family": socket.AF_INET6}),
        ("hosts-service", ("myhost.example", "http"), {}),
        ("unknown", ("nobody.invalid.example", 80), {}),
        ("unknown-numeric-only", ("myhost.example", 80), {"flags": socket.AI_NUMERICHOST}),
        ("bad-service", ("myhost.example", "no-such-service-xyz"), {}),
    ]:
        out[label] = [outcome(socket.getaddrinfo, *args, **kwargs),
                      outcome(pysock.getaddrinfo, *args, timeout=5, **kwargs)]
    # The host entries, aliases and all (/etc/hosts gives myhost.example one).
    for label, function, arg in [("entry", "gethostbyname_ex", "myhost.example"),
                                 ("entry-alias", "gethostbyname_ex", "myalias.example"),
                                 ("entry-by-address", "gethostbyaddr", "10.1.2.3")]:
        out[label] = [outcome_entry(getattr(socket, function), arg), outcome_entry(getattr(pysock, function), arg)]
    return out


def outcome_entry(fn, arg):
    try:
        return ["ok", list(fn(arg))]
    except Exception as e:  # noqa: BLE001 - described for the comparison
        return ["raise", type(e).__name__, getattr(e, "errno", None), str(e)]


if __name__ == "__main__":
    result = globals()["scenario_" + sys.argv[1]]()
    print(json.dumps(result))
    sys.stdout.flush()
    # Stuck lookups may still hold their threads: leave without waiting.
    os._exit(0)
