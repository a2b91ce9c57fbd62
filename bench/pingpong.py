"""64-byte ping-pong: pysock against the stdlib `socket`, in one process.

For each transport (a socketpair, and a TCP connection over 127.0.0.1 with
TCP_NODELAY), both ends live in one thread: send on A, recv on B, send on B,
recv on A is one round trip. Repetitions of the stdlib and pysock runs are
interleaved, and the best and the median of them are reported, with the
pysock/stdlib ratio per transport (below 1.0: pysock is faster).

    python bench/pingpong.py [--iterations 200000] [--repeats 5]

No assertion on timings; exits 0. If pysock cannot be imported, only the
stdlib figures are printed.
"""

import argparse
import gc
import socket as stdlib_socket
import statistics
import sys
import time

PAYLOAD = b"x" * 64


def make_socketpair(mod):
    return mod.socketpair()


def make_tcp(mod):
    lst = mod.socket(mod.AF_INET, mod.SOCK_STREAM)
    try:
        lst.bind(("127.0.0.1", 0))
        lst.listen(1)
        a = mod.socket(mod.AF_INET, mod.SOCK_STREAM)
        a.connect(lst.getsockname())
        b, _ = lst.accept()
    finally:
        lst.close()
    for s in (a, b):
        s.setsockopt(mod.IPPROTO_TCP, mod.TCP_NODELAY, 1)
    return a, b


TRANSPORTS = [("socketpair", make_socketpair), ("tcp-loopback", make_tcp)]


def pingpong(a, b, n):
    """n round trips of 64 bytes each way; returns seconds."""
    a_send, a_recv, b_send, b_recv = a.send, a.recv, b.send, b.recv
    msg = PAYLOAD
    size = len(msg)
    # Warm-up, and a check that the loop is valid (64-byte messages arrive whole).
    for _ in range(1000):
        a_send(msg)
        if len(b_recv(size)) != size:
            raise RuntimeError("short read")
        b_send(msg)
        if len(a_recv(size)) != size:
            raise RuntimeError("short read")
    gc_was = gc.isenabled()
    gc.disable()
    try:
        t0 = time.perf_counter()
        for _ in range(n):
            a_send(msg)
            b_recv(size)
            b_send(msg)
            a_recv(size)
        return time.perf_counter() - t0
    finally:
        if gc_was:
            gc.enable()


def run_once(mod, factory, n):
    a, b = factory(mod)
    try:
        return pingpong(a, b, n)
    finally:
        a.close()
        b.close()


def load_pysock():
    try:
        import pysock
    except Exception as exc:  # noqa: BLE001
        return None, "%s: %s" % (type(exc).__name__, exc)
    if getattr(pysock, "__file__", None) is None or not hasattr(pysock, "socketpair"):
        return None, "pysock is not the built package (%r)" % (getattr(pysock, "__path__", None),)
    return pysock, None


def fmt_us(seconds):
    return "%8.3f" % (seconds * 1e6)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iterations", "-n", type=int, default=200_000, help="round trips per run")
    ap.add_argument("--repeats", "-r", type=int, default=5, help="runs per module and transport")
    args = ap.parse_args(argv)

    pysock, why = load_pysock()
    mods = [("stdlib", stdlib_socket)]
    if pysock is not None:
        mods.append(("pysock", pysock))

    print("ping-pong, 64 bytes each way, %d round trips x %d runs, Python %s, %s"
          % (args.iterations, args.repeats, sys.version.split()[0], sys.platform))
    if pysock is None:
        print("pysock not available (%s): stdlib figures only" % why)
    else:
        print("pysock: %s" % pysock.__file__)
    print()

    results = {}  # (transport, modname) -> [seconds per round trip]
    for tname, factory in TRANSPORTS:
        for rep in range(args.repeats):
            # Interleave, alternating which module goes first.
            order = mods if rep % 2 == 0 else list(reversed(mods))
            for mname, mod in order:
                secs = run_once(mod, factory, args.iterations)
                results.setdefault((tname, mname), []).append(secs / args.iterations)

    header = "%-13s %-7s %10s %10s %10s" % ("transport", "module", "best us", "median us", "worst us")
    if pysock is not None:
        header += "   %s" % "pysock/stdlib (best, median)"
    print(header)
    print("-" * len(header))
    for tname, _ in TRANSPORTS:
        for mname, _ in mods:
            v = results[(tname, mname)]
            line = "%-13s %-7s %10s %10s %10s" % (tname, mname, fmt_us(min(v)),
                                                  fmt_us(statistics.median(v)), fmt_us(max(v)))
            if mname == "pysock":
                s = results[(tname, "stdlib")]
                line += "   %.3f, %.3f" % (min(v) / min(s), statistics.median(v) / statistics.median(s))
            print(line)
    if pysock is not None:
        print()
        for tname, _ in TRANSPORTS:
            s = statistics.median(results[(tname, "stdlib")])
            p = statistics.median(results[(tname, "pysock")])
            print("ratio %-13s pysock/stdlib = %.3f (median)" % (tname, p / s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
