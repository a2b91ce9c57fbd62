"""Out of memory at every allocation of gethostbyaddr / gethostbyname_ex:
MemoryError each time, and the (name, aliases, addresses) lists built for
the answer are released on every failure path (binding/names.zig
hostTuple). The sweep is tests/nomemory_run.py's, run in a child with a
scenario of this file's own."""
import sys

import pytest

from nomemoryutil import assert_released, needs_nomemory, sweep_code

pytestmark = pytest.mark.pysock_only

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
sys.argv = ["nomemory_run.py", "host_lookups"]
import nomemory_run

m = nomemory_run.m


def scenario_host_lookups():
    def call():
        # The list free list emptied first (and no Python code, such as the
        # idna codec of a str host, frees a list before the lookup): the
        # answer's two lists come from the allocator, whose failure then
        # reaches each of them.
        drained = [[] for _ in range(100)]
        m.gethostbyaddr(b"127.0.0.1")
        drained_again = [[] for _ in range(100)]
        m.gethostbyname_ex(b"localhost")
        del drained, drained_again
        m.gethostbyaddr("127.0.0.1")
        m.gethostbyname_ex("localhost")

    return (lambda: None), call


nomemory_run.scenario_host_lookups = scenario_host_lookups
nomemory_run.main()
"""


@needs_nomemory
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="localhost from /etc/hosts: checked on Linux")
def test_host_lookups_release_their_lists_when_memory_runs_out(pysock):
    try:
        pysock.gethostbyaddr("127.0.0.1")
        pysock.gethostbyname_ex("localhost")
    except OSError as e:
        pytest.skip(f"no answer for localhost here: {e!r}")
    report = sweep_code(CHILD)
    assert_released(pysock, report)
