"""socket._tcp_info() decodes a signed descriptor by sign-extending from
the field's top bit (binding/tcp_fields.zig); Linux's own table has no
signed member, so the child here runs on the fault backend (a writable
copy of the vtable) and points its `tcp_info_fields` at descriptors of
its own over tcpi_state, byte 0: LISTEN (10, 0b1010) for a listener, a
value the kernel keeps while the socket listens."""
import json
import os
import subprocess
import sys

import pytest

import faultutil
import vtableutil

pytestmark = [
    pytest.mark.pysock_only,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tcpi_state is byte 0 of Linux's struct tcp_info"),
]

# (offset, size, shift, width, signed) -> the value decoded from byte 0 = 10.
CASES = [
    ((0, 1, 0, 8, True), 10),
    ((0, 1, 0, 4, True), -6),
    ((0, 1, 0, 4, False), 10),
    ((0, 1, 1, 3, True), -3),
    ((0, 1, 1, 2, True), 1),
    ((0, 1, 1, 1, True), -1),
    ((0, 1, 0, 1, True), 0),
    ((0, 1, 3, 1, True), -1),
]

CHILD = r"""
import ctypes, json, re, sys
import pysock
from pysock import _loader

cases, vtable_zig = json.loads(sys.argv[1]), sys.argv[2]
src = open(vtable_zig, encoding="utf-8").read()
body = src[src.index("pub const Vtable = extern struct {"):]
names = re.findall(r"^    (\w+): ", body[:body.index("\n};")], re.M)
lib = ctypes.CDLL(_loader.path)
lib.pysock_backend_vtable.restype = ctypes.c_void_p
base = lib.pysock_backend_vtable()


def slot(field):
    return ctypes.c_void_p.from_address(base + 16 + 8 * (names.index(field) - 3))


class Field(ctypes.Structure):  # abi.TcpInfoField
    _fields_ = [("name", ctypes.c_char_p), ("offset", ctypes.c_uint32), ("size", ctypes.c_uint8),
                ("shift", ctypes.c_uint8), ("width", ctypes.c_uint8), ("is_signed", ctypes.c_uint8)]


table = (Field * len(cases))(*[Field(b"t", o, s, sh, w, int(sg)) for o, s, sh, w, sg in cases])
with pysock.socket(pysock.AF_INET, pysock.SOCK_STREAM) as listener:
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    fields, count = slot("tcp_info_fields"), slot("tcp_info_field_count")
    saved = fields.value, count.value
    fields.value, count.value = ctypes.addressof(table), len(cases)
    try:
        values = listener._tcp_info()
    finally:
        fields.value, count.value = saved
print(json.dumps(list(values)))
"""


def test_signed_descriptors_sign_extend(pysock):
    lib = faultutil.library_path(pysock)
    if not os.path.exists(lib) or not hasattr(pysock.socket, "_tcp_info"):
        pytest.skip("no fault backend or no TCP information here")
    env = dict(os.environ, PYSOCK_BACKEND=lib, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("PYSOCK_FAULTS", None)
    cases = json.dumps([list(c) for c, _ in CASES])
    out = subprocess.run([sys.executable, "-c", CHILD, cases, vtableutil.VTABLE_ZIG], capture_output=True,
                         text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.splitlines()[-1]) == [value for _, value in CASES]
