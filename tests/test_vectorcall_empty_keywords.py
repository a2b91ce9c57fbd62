"""A call through the vectorcall protocol may pass an empty tuple of keyword
names (C code does: PyObject_Vectorcall with kwnames ()). The positional-only
methods take it as no keywords, as the stdlib's do; a non-empty tuple is
refused with their message. Called here through ctypes.pythonapi."""
import ctypes
import sys

import pytest

from sockutil import outcome

pytestmark = pytest.mark.skipif(not hasattr(ctypes.pythonapi, "PyObject_Vectorcall"),
                                reason="no PyObject_Vectorcall in this Python's C API")


def vectorcall(callable_, args, kwnames):
    """callable_(*args) with `kwnames` naming the last len(kwnames) of them."""
    call = ctypes.pythonapi.PyObject_Vectorcall
    call.restype = ctypes.py_object
    call.argtypes = [ctypes.py_object, ctypes.POINTER(ctypes.py_object), ctypes.c_size_t, ctypes.py_object]
    array = (ctypes.py_object * max(len(args), 1))(*args)
    return call(callable_, array, len(args) - len(kwnames), kwnames)


def scenario(m, method, kwnames):
    a, b = m.socket(m.AF_INET, m.SOCK_DGRAM), m.socket(m.AF_INET, m.SOCK_DGRAM)
    with a, b:
        b.bind(("127.0.0.1", 0))
        a.connect(b.getsockname())
        b.settimeout(10)
        if method != "sendmsg":
            a.send(b"datagram")
        calls = {
            "sendmsg": (a.sendmsg, [[b"datagram"]]),
            "recvmsg": (b.recvmsg, [16]),
            "recvmsg_into": (b.recvmsg_into, [[bytearray(16)]]),
        }
        bound, args = calls[method]
        got = outcome(vectorcall, bound, args + [0] * len(kwnames), kwnames)
        if got[0] != "ok":
            return got[0], got[1:]
        # sendmsg's count, or the data (or count) of a receive's tuple.
        return got[0], got[1][0] if isinstance(got[1], tuple) else got[1]


@pytest.mark.skipif(sys.platform == "win32", reason="no sendmsg/recvmsg on Windows")
@pytest.mark.parametrize("kwnames", [(), ("flags",)], ids=["empty", "flags"])
@pytest.mark.parametrize("method", ["sendmsg", "recvmsg", "recvmsg_into"])
def test_empty_keyword_names_are_no_keywords(both, method, kwnames):
    res = [scenario(m, method, kwnames) for m in both]
    assert res[0] == res[1]
    assert res[0][0] == ("ok" if kwnames == () else "raise")
