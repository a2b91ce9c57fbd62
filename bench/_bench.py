"""The interface every workload module follows (see bench/README.md).

A workload module is any `bench/NAME.py` (NAME not starting with "_", not
`run`) with a module-level list `WORKLOADS` of `Workload` objects. The
runner imports every such module it finds, so a new file joins the suite by
being present.
"""
import time
import zlib
from dataclasses import dataclass
from typing import Callable, Optional


@dataclass
class Workload:
    name: str                       # the table's row label, unique in the suite
    run: Callable                   # run(mod, n) -> (total, check); see below
    n: int                          # operations per sample in a full run
    quick_n: int = 0                # operations per sample under --quick (default n // 50)
    unit: str = "us"                # "us" (time per op, shown in microseconds) or "B" (bytes per op)
    floor: Optional[str] = None     # mode of bench/syscall_floor.c that runs the same loop in C
    group: str = ""                 # filled in by the runner: the module's name

    # run(mod, n): `mod` is the socket module under test (stdlib `socket` or
    # `pysock`). Performs n operations and returns (total, check): total is
    # seconds (unit "us") or bytes (unit "B") for all n operations, measured
    # by the workload around its loop only (setup and checks outside); check
    # is a value describing the data moved (byte count, checksum), which must
    # be the same for both modules and every round, so a fast wrong answer
    # cannot win. A workload raises if its own data check fails.


def timed(loop, *loop_args):
    """Runs loop(*loop_args) once and returns (seconds, its result)."""
    t0 = time.perf_counter()
    result = loop(*loop_args)
    return time.perf_counter() - t0, result


def payload(size, seed=0):
    """size deterministic, non-repeating-looking bytes (not all one value)."""
    return bytes((i * 131 + seed * 7 + (i >> 8)) & 0xFF for i in range(size))


def crc(data, value=0):
    return zlib.crc32(data, value)


def expect(condition, what):
    if not condition:
        raise AssertionError("data check failed: " + what)


def tcp_pair(mod, nodelay=True):
    """Two connected TCP sockets over 127.0.0.1 (client, server side)."""
    with mod.socket(mod.AF_INET, mod.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        a = mod.create_connection(listener.getsockname())
        b, _ = listener.accept()
    if nodelay:
        for s in (a, b):
            s.setsockopt(mod.IPPROTO_TCP, mod.TCP_NODELAY, 1)
    return a, b
