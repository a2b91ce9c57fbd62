"""Out of memory at each of the first allocations of _core.constants()
(the backend's constants as a dict, built at import) and
_core._error_table(): MemoryError each time and the dict built so far is
released. The sweep is tests/nomemory_run.py's, run in a child with a
scenario of this file's own."""
import pytest

from nomemoryutil import assert_released, needs_nomemory, sweep_code

pytestmark = pytest.mark.pysock_only

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


@needs_nomemory
def test_constants_table_released_when_memory_runs_out(pysock):
    report = sweep_code(CHILD)
    assert_released(pysock, report)
