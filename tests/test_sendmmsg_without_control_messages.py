"""sendmmsg with ancillary data on a backend that builds no control
messages (cmsg_build or cmsg_size null, as on Windows) raises the OSError
saying so and sends nothing; without ancillary data it sends. Run in a
child on the fault backend (backends/faults), whose vtable is a writable
copy: the child nulls the entry there before calling."""
import sys

import pytest

import vtableutil

pytestmark = pytest.mark.pysock_only

CHILD = r"""
import json, sys
import pysock
import vtableutil

slot = vtableutil.slot(sys.argv[1])
saved = slot.value


def outcome(fn, *args):
    try:
        return ["ok", fn(*args)]
    except Exception as e:
        return ["raise", type(e).__name__, [str(a) for a in e.args]]


a, b = pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM), pysock.socket(pysock.AF_INET, pysock.SOCK_DGRAM)
b.bind(("127.0.0.1", 0))
to = b.getsockname()
item = (pysock.IPPROTO_IP, pysock.IP_TOS, bytes([0x10]))
slot.value = None
report = {
    "with": outcome(a.sendmmsg, [([b"plain"], [], to), ([b"tos"], [item], to)]),
    "empty": outcome(a.sendmmsg, [([b"plain"], [], to)]),
}
slot.value = saved
b.settimeout(10)
report["received"] = b.recv(16).decode()
b.setblocking(False)
report["more"] = outcome(b.recv, 16)[:2]
print(json.dumps(report))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a one-byte IP_TOS item is Linux's")
@pytest.mark.parametrize("field", ["cmsg_build", "cmsg_size"])
def test_sendmmsg_ancillary_refused_without_control_messages(pysock, field):
    if not hasattr(pysock.socket, "sendmmsg"):
        pytest.skip("no sendmmsg here")
    report = vtableutil.run_on_fault_backend(pysock, CHILD, field)
    assert report == {
        "with": ["raise", "OSError", ["sendmmsg(): this platform sends no ancillary data"]],
        "empty": ["ok", 1],
        "received": "plain",
        "more": ["raise", "BlockingIOError"],
    }
