"""Out of memory at each of the first allocations of _core.constants()
(the backend's constants as a dict, built at import) and
_core._error_table(): MemoryError each time and the dict built so far is
released. The sweep is tests/nomemory_run.py's, run in a child with a
scenario of this file's own."""
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pysock_only

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import _testcapi

    HAS_NOMEMORY = hasattr(_testcapi, "set_nomemory")
except ImportError:
    HAS_NOMEMORY = False

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
sys.argv = ["nomemory_run.py", "tables"]
import nomemory_run

core = sys.modules["pysock._core"]


def scenario_tables():
    def call():
        core._error_table()
        core.constants()

    return (lambda: None), call


nomemory_run.scenario_tables = scenario_tables
nomemory_run.main()
"""


@pytest.mark.skipif(not HAS_NOMEMORY, reason="needs _testcapi.set_nomemory (CPython's test module)")
def test_constants_table_released_when_memory_runs_out(pysock):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-c", CHILD, HERE], capture_output=True, text=True,
                         timeout=300, cwd=HERE, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.splitlines()[-1])
    assert report["module"] == os.path.abspath(pysock.__file__), report
    assert report["points"] > 0, report
    assert list(report["outcomes"]) == ["MemoryError"], report
    # A dict kept by a failure path grows by blocks every sweep.
    assert report["block_growth"] < 8, report
