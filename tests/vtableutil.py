"""Calling the loaded backend's vtable entries directly with ctypes (not a
test module): what the binding never passes (it checks its arguments
first) can only be given to the backend this way."""
import ctypes
import json
import os
import re
import subprocess
import sys

REPO = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))
VTABLE_ZIG = os.path.join(REPO, "backends", "abi", "vtable.zig")


def slot(field):
    """The vtable's field `field` of the backend pysock loaded, as a ctypes
    pointer in place (writable on the fault backend, whose vtable is a
    copy). Every field from `platform` on is pointer-sized; the three
    before it take 16 bytes."""
    from pysock import _loader

    src = open(VTABLE_ZIG, encoding="utf-8").read()
    body = src[src.index("pub const Vtable = extern struct {"):]
    names = re.findall(r"^    (\w+): ", body[:body.index("\n};")], re.M)
    assert names[:4] == ["abi_version", "struct_size", "capabilities", "platform"]
    lib = ctypes.CDLL(_loader.path)
    lib.pysock_backend_vtable.restype = ctypes.c_void_p
    return ctypes.c_void_p.from_address(lib.pysock_backend_vtable() + 16 + 8 * (names.index(field) - 3))


def entry(field, restype, *argtypes):
    """The vtable's function `field` of the backend pysock loaded, as a
    ctypes function."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(slot(field).value)


def addr_encode():
    """The backend's addr_encode(in, native, len, err) as a ctypes function."""
    return entry("addr_encode", ctypes.c_int, ctypes.POINTER(Address), ctypes.c_void_p,
                 ctypes.POINTER(ctypes.c_uint32), ctypes.POINTER(Error))


def encode_named(encode, family, proto, name):
    """`encode` (addr_encode()) of an address naming an interface (bytes):
    (0, the native bytes) or (-1, the Error)."""
    a = Address(family=family, proto=proto, name_len=len(name))
    a.name[:len(name)] = list(name)
    native = (ctypes.c_uint8 * 128)()
    length = ctypes.c_uint32(128)
    err = Error()
    if encode(ctypes.byref(a), native, ctypes.byref(length), ctypes.byref(err)) == 0:
        return 0, bytes(native[:length.value])
    return -1, err


def run_on_fault_backend(pysock, child, *args):
    """Runs the program `child` (which may import vtableutil) in a fresh
    interpreter on the fault backend, with no faults set; what it printed
    last, read as JSON. Skips where pysock has no fault backend beside it."""
    import faultutil
    import pytest

    lib = faultutil.library_path(pysock)
    if not os.path.exists(lib):
        pytest.skip("no fault backend beside this pysock")
    if not os.path.exists(VTABLE_ZIG):
        pytest.skip("source tree (backends/abi/vtable.zig) not available")
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, PYSOCK_BACKEND=lib,
               PYTHONPATH=os.pathsep.join([here] + [p for p in sys.path if p]))
    env.pop("PYSOCK_FAULTS", None)
    # The tests' folder on the child's path itself, not only through
    # PYTHONPATH, which an embeddable Python's ._pth file makes it ignore.
    child = f"import sys; sys.path.insert(0, {here!r})\n" + child
    out = subprocess.run([sys.executable, "-c", child, *args], capture_output=True, text=True,
                         timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.splitlines()[-1])


class Address(ctypes.Structure):
    """abi.Address (backends/abi/vtable.zig)."""
    _fields_ = [("family", ctypes.c_int32), ("data_len", ctypes.c_uint32),
                ("nums", ctypes.c_uint64 * 8), ("name_len", ctypes.c_uint32),
                ("proto", ctypes.c_int32), ("name", ctypes.c_uint8 * 128),
                ("data", ctypes.c_uint8 * 512)]


class Error(ctypes.Structure):
    """abi.Error (backends/abi/vtable.zig)."""
    _fields_ = [("kind", ctypes.c_uint32), ("flags", ctypes.c_uint32), ("code", ctypes.c_int32),
                ("_reserved", ctypes.c_int32), ("message", ctypes.c_char_p)]


ERROR_KIND_ADDRESS = 5
