"""if_nameindex, if_nametoindex and if_indextoname against the stdlib, on
this machine's real interfaces: results, and the exception types and
arguments for every kind of bad input."""

import os
import re
import socket as std

import pytest

from sockutil import stable_repr

pytestmark = pytest.mark.skipif(not hasattr(std, "if_nameindex"), reason="the stdlib has no if_nameindex here")


class Index:
    def __index__(self):
        return 1


class Path(os.PathLike):
    def __init__(self, path):
        self.path = path

    def __fspath__(self):
        return self.path


def result(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001 - every exception is compared
        return ("raise", type(e).__name__, e.args)


def test_if_nameindex(pysock):
    got = pysock.if_nameindex()
    assert got == std.if_nameindex()
    assert got, "no interfaces at all"
    for index, name in got:
        assert type(index) is int and type(name) is str


def test_if_nameindex_takes_no_arguments(pysock):
    assert result(pysock.if_nameindex, 1)[:2] == result(std.if_nameindex, 1)[:2] == ("raise", "TypeError")


def test_each_interface_both_ways(pysock):
    for index, name in std.if_nameindex():
        assert pysock.if_nametoindex(name) == index
        assert pysock.if_nametoindex(os.fsencode(name)) == index
        assert pysock.if_nametoindex(Path(name)) == index
        assert pysock.if_indextoname(index) == name


NAMES = ["no-such-interface", "x" * 100, "", "l\x00o", b"l\x00o", bytearray(b"lo"), 1, None, 1.5]


@pytest.mark.parametrize("name", NAMES, ids=[stable_repr(n) for n in NAMES])
def test_if_nametoindex_errors(pysock, name):
    assert result(pysock.if_nametoindex, name) == result(std.if_nametoindex, name)


INDEXES = [0, -1, 99999, 1 << 31, (1 << 32) - 1, 1 << 32, (1 << 32) + 1, 1 << 64,
           -(1 << 70), "1", 1.0, None, Index(), True]


@pytest.mark.parametrize("index", INDEXES, ids=[stable_repr(i) for i in INDEXES])
def test_if_indextoname_edges(pysock, index):
    assert result(pysock.if_indextoname, index) == result(std.if_indextoname, index)


def test_largest_unsigned_long(pysock):
    """The stdlib raises SystemError here (CPython bug bpo-37013: an error
    return without an exception); pysock looks the cut index up instead."""
    largest = (1 << 64) - 1
    expected = result(std.if_indextoname, largest)
    if expected[:2] == ("raise", "SystemError"):
        expected = result(std.if_indextoname, 0xFFFFFFFF)
    assert result(pysock.if_indextoname, largest) == expected


def _without_module(r):
    # Functions taking one argument name themselves with their module in
    # this message ("_socket.if_indextoname()" / "pysock._core....").
    if r[0] == "raise" and r[2] and isinstance(r[2][0], str):
        return r[:2] + (re.sub(r"^[\w.]+\.(?=if_)", "", r[2][0]),)
    return r


@pytest.mark.parametrize("name", ["if_nametoindex", "if_indextoname"])
def test_argument_count(pysock, name):
    for args in [(), (1, 2)]:
        exp = result(getattr(std, name), *args)
        assert _without_module(result(getattr(pysock, name), *args)) == _without_module(exp)
