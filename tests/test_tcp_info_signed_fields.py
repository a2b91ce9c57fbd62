"""socket._tcp_info() decodes a signed descriptor by sign-extending from
the field's top bit (binding/tcp_fields.zig); Linux's own table has no
signed member, so the child here runs on the fault backend (a writable
copy of the vtable) and points its `tcp_info_fields` at descriptors of
its own over tcpi_state, byte 0: LISTEN (10, 0b1010) for a listener, a
value the kernel keeps while the socket listens."""
import json
import sys

import pytest

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
import ctypes, json, sys
import pysock
import vtableutil

cases = json.loads(sys.argv[1])
slot = vtableutil.slot


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
    if not hasattr(pysock.socket, "_tcp_info"):
        pytest.skip("no TCP information here")
    cases = json.dumps([list(c) for c, _ in CASES])
    assert vtableutil.run_on_fault_backend(pysock, CHILD, cases) == [value for _, value in CASES]
