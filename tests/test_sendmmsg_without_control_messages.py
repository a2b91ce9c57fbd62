"""sendmmsg with ancillary data on a backend that builds no control
messages (cmsg_build or cmsg_size null, as on Windows) raises the OSError
saying so and sends nothing; without ancillary data it sends. Run in a
child on the fault backend (backends/faults), whose vtable is a writable
copy: the child nulls the entry there before calling."""
import json
import os
import subprocess
import sys

import pytest

import faultutil
import vtableutil

pytestmark = pytest.mark.pysock_only

CHILD = r"""
import ctypes, json, re, sys
import pysock
from pysock import _loader

field, vtable_zig = sys.argv[1], sys.argv[2]
src = open(vtable_zig, encoding="utf-8").read()
body = src[src.index("pub const Vtable = extern struct {"):]
names = re.findall(r"^    (\w+): ", body[:body.index("\n};")], re.M)
lib = ctypes.CDLL(_loader.path)
lib.pysock_backend_vtable.restype = ctypes.c_void_p
slot = ctypes.c_void_p.from_address(lib.pysock_backend_vtable() + 16 + 8 * (names.index(field) - 3))
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
    lib = faultutil.library_path(pysock)
    if not os.path.exists(lib) or not hasattr(pysock.socket, "sendmmsg"):
        pytest.skip("no fault backend or no sendmmsg here")
    env = dict(os.environ, PYSOCK_BACKEND=lib, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("PYSOCK_FAULTS", None)
    out = subprocess.run([sys.executable, "-c", CHILD, field, vtableutil.VTABLE_ZIG], capture_output=True,
                         text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.splitlines()[-1])
    assert report == {
        "with": ["raise", "OSError", ["sendmmsg(): this platform sends no ancillary data"]],
        "empty": ["ok", 1],
        "received": "plain",
        "more": ["raise", "BlockingIOError"],
    }
