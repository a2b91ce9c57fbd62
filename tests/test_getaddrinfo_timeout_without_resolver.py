"""getaddrinfo(..., timeout=...) on a backend whose vtable has no resolver
with a timeout (getaddrinfo_start / _wait / _end null; every backend of
pysock's own has them) raises NotImplementedError saying so, and
getaddrinfo without a timeout still answers. Run in a child on the
fault backend (backends/faults), whose vtable is a writable copy: the
child nulls one of the three entries there before calling."""
import pytest

import vtableutil

pytestmark = pytest.mark.pysock_only

CHILD = r"""
import json, sys
import pysock
import vtableutil

slot = vtableutil.slot(sys.argv[1])
assert slot.value  # the real backend has it
slot.value = None


def outcome(**kw):
    try:
        return ["ok", len(pysock.getaddrinfo("127.0.0.1", 80, pysock.AF_INET, pysock.SOCK_STREAM, **kw))]
    except Exception as e:
        return ["raise", type(e).__name__, [str(a) for a in e.args]]


print(json.dumps({"timeout": outcome(timeout=5), "zero": outcome(timeout=0), "plain": outcome()}))
"""


@pytest.mark.parametrize("field", ["getaddrinfo_start", "getaddrinfo_wait", "getaddrinfo_end"])
def test_timeout_without_resolver_raises_not_implemented(pysock, field):
    report = vtableutil.run_on_fault_backend(pysock, CHILD, field)
    refused = ["raise", "NotImplementedError",
               ["getaddrinfo(timeout=...): this backend has no resolver with a timeout"]]
    assert report == {"timeout": refused, "zero": refused, "plain": ["ok", 1]}

