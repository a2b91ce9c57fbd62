"""htons / ntohs / htonl / ntohl, including the stdlib's OverflowError and
TypeError cases."""

import sys

import pytest

from sockutil import outcome, stable_repr


class Index:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


def _little():
    return sys.byteorder == "little"


@pytest.mark.parametrize("fn", ["htons", "ntohs"])
def test_16bit_values(mod, fn):
    f = getattr(mod, fn)
    assert f(0) == 0
    assert f(0xFFFF) == 0xFFFF
    assert f(1) == (0x0100 if _little() else 1)
    assert f(0x1234) == (0x3412 if _little() else 0x1234)
    assert type(f(5)) is int
    assert f(True) == f(1)


@pytest.mark.parametrize("fn", ["htonl", "ntohl"])
def test_32bit_values(mod, fn):
    f = getattr(mod, fn)
    assert f(0) == 0
    assert f(0xFFFFFFFF) == 0xFFFFFFFF
    assert f(0x12345678) == (0x78563412 if _little() else 0x12345678)
    assert type(f(5)) is int


def _swapped(v, width):
    """v with its bytes in network order, as the host reads it back."""
    return int.from_bytes(v.to_bytes(width, sys.byteorder), "big")


@pytest.mark.parametrize("fn,width", [("htons", 2), ("ntohs", 2), ("htonl", 4), ("ntohl", 4)])
def test_roundtrip(mod, fn, width):
    """Each value comes back byte-swapped on a little-endian host (so an
    identity function fails there), and swapping twice restores it."""
    f = getattr(mod, fn)
    values = (1, 80, 443, 0xABCD, 0x1234) if width == 2 else (1, 80, 0x7F000001, 0x12345678, 0xDEADBEEF)
    for v in values:
        assert f(v) == _swapped(v, width)
        assert f(f(v)) == v
    if sys.byteorder == "little":
        assert [f(v) for v in values] != list(values)


@pytest.mark.parametrize("fn", ["htons", "ntohs"])
@pytest.mark.parametrize("v", [-1, 0x10000, 1 << 40, 1 << 70])
def test_16bit_overflow(mod, fn, v):
    with pytest.raises(OverflowError):
        getattr(mod, fn)(v)


@pytest.mark.parametrize("fn", ["htonl", "ntohl"])
@pytest.mark.parametrize("v", [-1, 1 << 32, 1 << 70])
def test_32bit_overflow(mod, fn, v):
    with pytest.raises(OverflowError):
        getattr(mod, fn)(v)


@pytest.mark.parametrize("fn", ["htons", "ntohs", "htonl", "ntohl"])
@pytest.mark.parametrize("v", [1.0, "1", None, b"\x01"], ids=["float", "str", "None", "bytes"])
def test_wrong_type(mod, fn, v):
    with pytest.raises(TypeError):
        getattr(mod, fn)(v)


@pytest.mark.parametrize("fn", ["htons", "ntohs", "htonl", "ntohl"])
@pytest.mark.parametrize(
    "v",
    [0, 1, 0xFFFF, 0x10000, 0xFFFFFFFF, 1 << 32, -1, -(1 << 40), 1 << 40, 1 << 70, True, 1.0, "1", None],
)
def test_differential(both, fn, v):
    """Same result, or the same exception class, as the stdlib."""
    res = [outcome(getattr(m, fn), v)[:2] for m in both]
    assert res[0] == res[1]


@pytest.mark.parametrize("fn", ["htons", "ntohs", "htonl", "ntohl"])
def test_index_protocol_differential(both, fn):
    res = [outcome(getattr(m, fn), Index(0x0102))[:2] for m in both]
    assert res[0] == res[1]


@pytest.mark.parametrize(
    "fn,v",
    [("htons", -1), ("htons", 0x10000), ("ntohs", -1), ("ntohs", 0x10000),
     ("htonl", -1), ("htonl", 1 << 32), ("ntohl", -1), ("ntohl", 1 << 32)],
)
def test_overflow_messages_differential(both, fn, v):
    msgs = []
    for m in both:
        with pytest.raises(OverflowError) as ei:
            getattr(m, fn)(v)
        msgs.append(str(ei.value))
    assert msgs[0] == msgs[1]


# Every message the stdlib gives for a bad argument: negative, too large for
# 16/32 bits, too large for the C type the stdlib converts through, non-int.
BAD_VALUES = [-1, -(1 << 40), -(1 << 70), 0x10000, 1 << 31, 1 << 32, 1 << 40, 1 << 64, 1 << 70,
              1.0, "1", None, b"\x01", Index(-1), Index(0x10000), Index(0x0102)]


@pytest.mark.parametrize("fn", ["htons", "ntohs", "htonl", "ntohl"])
@pytest.mark.parametrize("v", BAD_VALUES, ids=stable_repr)
def test_messages_differential(both, fn, v):
    seen = []
    for m in both:
        try:
            seen.append(("ok", getattr(m, fn)(v)))
        except Exception as exc:  # noqa: BLE001 - compared with the stdlib's
            seen.append((type(exc).__name__, str(exc)))
    assert seen[0] == seen[1]


@pytest.mark.parametrize("fn", ["htons", "ntohs", "htonl", "ntohl"])
def test_argument_count_differential(both, fn):
    """The same TypeError; the message names the function after its C module
    (`_socket.htons()`, `pysock._core.htons()`), which is left out."""
    seen = []
    for m in both:
        with pytest.raises(TypeError) as ei:
            getattr(m, fn)()
        seen.append(str(ei.value).rpartition(".")[2] if "." in str(ei.value).split("(")[0] else str(ei.value))
    assert seen[0] == seen[1]
