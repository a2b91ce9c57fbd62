"""getaddrinfo(..., timeout=...) on a backend whose vtable has no resolver
with a timeout (getaddrinfo_start / _wait / _end null; every backend of
pysock's own has them) raises NotImplementedError saying so, and
getaddrinfo without a timeout still answers. Run in a child on the
fault backend (backends/faults), whose vtable is a writable copy: the
child nulls one of the three entries there before calling."""
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
assert names[:4] == ["abi_version", "struct_size", "capabilities", "platform"]
lib = ctypes.CDLL(_loader.path)
lib.pysock_backend_vtable.restype = ctypes.c_void_p
slot = ctypes.c_void_p.from_address(lib.pysock_backend_vtable() + 16 + 8 * (names.index(field) - 3))
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
    lib = faultutil.library_path(pysock)
    if not os.path.exists(lib):
        pytest.skip("no fault backend beside this pysock")
    env = dict(os.environ, PYSOCK_BACKEND=lib, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("PYSOCK_FAULTS", None)
    out = subprocess.run([sys.executable, "-c", CHILD, field, vtableutil.VTABLE_ZIG], capture_output=True,
                         text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.splitlines()[-1])
    refused = ["raise", "NotImplementedError",
               ["getaddrinfo(timeout=...): this backend has no resolver with a timeout"]]
    assert report == {"timeout": refused, "zero": refused, "plain": ["ok", 1]}

