"""What the out-of-memory tests share: whether this CPython can fail its
allocations on demand (_testcapi.set_nomemory), a sweep run in a child
(tests/nomemory_run.py, or a scenario of a test file's own that imports it),
and what every sweep's report must say."""
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import _testcapi

    HAS_NOMEMORY = hasattr(_testcapi, "set_nomemory")
except ImportError:
    HAS_NOMEMORY = False

needs_nomemory = pytest.mark.skipif(not HAS_NOMEMORY, reason="needs _testcapi.set_nomemory (CPython's test module)")


def run_child(*args):
    """The report (the last line of its output, JSON) of `python ARGS` run in
    tests/ with this process's path."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300, cwd=HERE, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.splitlines()[-1])


def sweep(scenario, *more):
    """One of nomemory_run.py's own scenarios."""
    return run_child(os.path.join(HERE, "nomemory_run.py"), scenario, *more)


def sweep_code(code, *more):
    """A scenario of the caller's own: `code` gets tests/ as sys.argv[1]."""
    return run_child("-c", code, HERE, *more)


def assert_released(pysock, report):
    """Every failed allocation raised MemoryError, and nothing was kept."""
    assert report["module"] == os.path.abspath(pysock.__file__), report  # the package under test
    assert report["points"] > 0, report  # the sweep reached allocations
    assert list(report["outcomes"]) == ["MemoryError"], report
    # A reference or a buffer kept by one failure path grows by a block per
    # sweep (10 after the first); a few blocks filled once (free lists) are not one.
    assert report["block_growth"] < 8, report
