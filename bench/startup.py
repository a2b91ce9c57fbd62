"""What importing the module costs, and the memory an open socket takes.

import, whole process: wall time of `python -c "import M"` (fresh process
each time; the floor is `python -c pass`). import, -X importtime: the
interpreter's own cumulative figure for M. memory: Python heap bytes per
open socket (tracemalloc), over n unconnected TCP sockets."""
import os
import subprocess
import sys
import time
import tracemalloc

from _bench import Workload, expect

_ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
# Imports read cached bytecode, as from an installed package (the stdlib's
# socket.py has its cache; the warm-up run writes pysock's where it may).
_ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def _python(code, *options):
    return subprocess.run([sys.executable, *options, "-c", code], env=_ENV,
                          capture_output=True, text=True, check=True)


def _check_imports(mod):
    # The check: the child imported the module the parent has, with its constants.
    out = _python(f"import {mod.__name__} as m; print(m.AF_INET, len(dir(m)))").stdout.split()
    return int(out[0]), int(out[1])


def _whole_process(mod, n):
    check = _check_imports(mod)
    t0 = time.perf_counter()
    for _ in range(n):
        _python(f"import {mod.__name__}")
    return time.perf_counter() - t0, check[0]


def _interpreter_alone(n):
    t0 = time.perf_counter()
    for _ in range(n):
        _python("pass")
    return (time.perf_counter() - t0) / n


def _importtime(mod, n):
    check = _check_imports(mod)
    total_us = 0
    for _ in range(n):
        err = _python(f"import {mod.__name__}", "-X", "importtime").stderr
        # "import time: self [us] | cumulative | imported package"; the
        # module's own line is the last with its name at top level.
        lines = [ln for ln in err.splitlines() if ln.rsplit("|", 1)[-1].strip() == mod.__name__]
        expect(bool(lines), f"-X importtime names {mod.__name__}")
        total_us += int(lines[-1].split("|")[1])
    return total_us / 1e6, check[0]


def _memory(mod, n):
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        socks = [mod.socket(mod.AF_INET, mod.SOCK_STREAM) for _ in range(n)]
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    fds = {s.fileno() for s in socks}
    for s in socks:
        s.close()
    expect(len(fds) == n, f"{len(fds)} distinct descriptors for {n} sockets")
    # The list holding them is not the sockets' cost.
    return after - before - sys.getsizeof(socks), n


WORKLOADS = [
    Workload("import, whole process", _whole_process, n=20, quick_n=3, floor=_interpreter_alone),
    Workload("import, -X importtime cumulative", _importtime, n=20, quick_n=3),
    Workload("memory per open socket", _memory, n=1000, quick_n=200, unit="B"),
]
