"""Reads and clears the guards of a coverage build's libraries in this process
(zig build -Dcoverage=true, tools/mutation/coverage_runtime.zig): a guard per
basic block, marked by the block when it runs.

PYSOCK_COVERAGE_LIBS names the libraries and where their guards lie:
JSON [[path, guards' address in the file, their size in bytes], ...]. A
library not (yet) loaded here has nothing to read.

Used by the pytest plugin (coverage_plugin.py) around each test, and by a
child process the test starts (the coverage stage's sitecustomize.py calls
`record_at_exit`), which writes what it reached when it exits.
"""
import atexit
import ctypes
import json
import os
import re

MARKED = re.compile(rb"[^\x00]")
# The test name of what ran before the first test (the imports, the
# collection): every test may depend on it. coverage.py's empty context.
IMPORTED = "<import>"


class Library:
    def __init__(self, path, guards_at, size):
        self.path, self.guards_at, self.size = os.path.realpath(path), guards_at, size
        self.address = None   # of the guards in this process, once loaded

    def locate(self):
        """Where the library is mapped here (its first mapping holds file
        offset 0 at the base its virtual addresses count from)."""
        if self.address is None:
            with open("/proc/self/maps") as maps:
                for line in maps:
                    fields = line.split(None, 5)
                    if len(fields) == 6 and fields[5].strip() == self.path and int(fields[2], 16) == 0:
                        self.address = int(fields[0].split("-")[0], 16) + self.guards_at
                        break
        return self.address

    def take(self):
        """The indexes of the guards marked since the last take; clears them."""
        address = self.locate()
        if address is None:
            return []
        data = ctypes.string_at(address, self.size)
        ctypes.memset(address, 0, self.size)
        return sorted({m.start() // 4 for m in MARKED.finditer(data)})


def libraries():
    return [Library(*entry) for entry in json.loads(os.environ.get("PYSOCK_COVERAGE_LIBS", "[]"))]


def take_all(libs):
    return {lib.path: hits for lib in libs if (hits := lib.take())}


# The child's own recording: where it writes, the test it serves, its libraries.
_child = {}


def record_at_exit():
    """In a child process: at exit, append what it reached, under the test
    that started it (PYSOCK_COVERAGE_TEST), to a file of its own."""
    out, test = os.environ.get("PYSOCK_COVERAGE_OUT"), os.environ.get("PYSOCK_COVERAGE_TEST")
    if not out or not test:
        return
    _child.update(out=out, test=test, libs=libraries())
    atexit.register(_write)


def serve_test(test):
    """In a child that serves several tests in turn (tests/faultworker.py,
    one process for the session): what it reached so far is the test's it
    was serving; what follows, `test`'s."""
    if _child and test:
        _write()
        _child["test"] = test


def _write():
    try:
        hits = take_all(_child["libs"])
        if hits:
            with open(os.path.join(_child["out"], f"child-{os.getpid()}.jsonl"), "a") as file:
                file.write(json.dumps({"test": _child["test"], "libs": hits}) + "\n")
    except Exception:  # never the child's own exit status
        pass
