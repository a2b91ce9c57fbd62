"""inet_aton / inet_ntoa / inet_pton / inet_ntop: valid and invalid inputs give
the stdlib's results or exceptions (class, errno and message).

These are pure conversions: the addresses are data, no packet is sent."""

import pytest

from sockutil import HAS_UNIX


def describe(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001
        return ("raise", type(e).__name__, getattr(e, "errno", None), str(e))


ATON = [
    "127.0.0.1", "1.2.3.4", "0.0.0.0", "255.255.255.255", "1", "1.2", "1.2.3",
    "0x7f.1", "010.0.0.1", "256.0.0.1", "1.2.3.4.5", "", "abc",
    "127.0.0.1\0", b"127.0.0.1", None, 1,
]


@pytest.mark.parametrize("v", ATON, ids=[repr(v) for v in ATON])
def test_inet_aton_differential(both, v):
    res = [describe(m.inet_aton, v) for m in both]
    assert res[0] == res[1]


def test_inet_aton_values(mod):
    assert mod.inet_aton("127.0.0.1") == b"\x7f\x00\x00\x01"
    assert type(mod.inet_aton("127.0.0.1")) is bytes
    with pytest.raises(OSError):
        mod.inet_aton("256.0.0.1")
    with pytest.raises(TypeError):
        mod.inet_aton(b"127.0.0.1")
    with pytest.raises(ValueError):
        mod.inet_aton("127.0.0.1\0")


NTOA = [b"\x7f\0\0\1", bytearray(b"\1\2\3\4"), memoryview(b"\1\2\3\4"), b"\1\2\3",
        b"\1\2\3\4\5", b"", "abcd", None]


@pytest.mark.parametrize("v", NTOA, ids=["bytes", "bytearray", "memoryview", "3-bytes",
                                         "5-bytes", "empty", "str", "None"])
def test_inet_ntoa_differential(both, v):
    res = [describe(m.inet_ntoa, v) for m in both]
    assert res[0] == res[1]


def test_inet_ntoa_values(mod):
    assert mod.inet_ntoa(b"\x7f\0\0\1") == "127.0.0.1"
    with pytest.raises(OSError):
        mod.inet_ntoa(b"\1\2\3")
    with pytest.raises(TypeError):
        mod.inet_ntoa("abcd")


PTON = [
    ("AF_INET", "127.0.0.1"), ("AF_INET", "1.2.3"), ("AF_INET", "0x7f.0.0.1"),
    ("AF_INET", "::1"), ("AF_INET6", "::1"), ("AF_INET6", "::ffff:1.2.3.4"),
    ("AF_INET6", "1:2:3:4:5:6:7:8"), ("AF_INET6", "1::2::3"), ("AF_INET6", "127.0.0.1"),
    ("AF_INET6", "ABCD::"), ("AF_INET6", ""), ("AF_INET", b"127.0.0.1"),
    ("AF_INET", None), ("AF_INET", "1.2.3.4\0"), (12345, "1.2.3.4"), ("2", "1.1.1.1"),
]
if HAS_UNIX:
    PTON.append(("AF_UNIX", "x"))


def _fam(m, f):
    return getattr(m, f) if isinstance(f, str) and f.startswith("AF_") else f


@pytest.mark.parametrize("fam,v", PTON, ids=["%s-%r" % fv for fv in PTON])
def test_inet_pton_differential(both, fam, v):
    res = [describe(m.inet_pton, _fam(m, fam), v) for m in both]
    assert res[0] == res[1]


def test_inet_pton_values(mod):
    assert mod.inet_pton(mod.AF_INET, "127.0.0.1") == b"\x7f\0\0\1"
    assert mod.inet_pton(mod.AF_INET6, "::1") == bytes(15) + b"\1"
    with pytest.raises(OSError):
        mod.inet_pton(mod.AF_INET, "1.2.3")
    with pytest.raises(OSError):
        mod.inet_pton(mod.AF_INET6, "1::2::3")


NTOP = [
    ("AF_INET", b"\x7f\0\0\1"), ("AF_INET", b"\1\2\3"), ("AF_INET6", bytes(16)),
    ("AF_INET6", bytes(15) + b"\1"), ("AF_INET6", b"\0" * 10 + b"\xff\xff\1\2\3\4"),
    ("AF_INET6", b"\x20\x01\x0d\xb8" + bytes(12)), ("AF_INET6", bytes(15)),
    ("AF_INET6", bytearray(16)), ("AF_INET", "abcd"), ("AF_INET", None),
    ("AF_INET", memoryview(b"\1\2\3\4")), (12345, b"\1\2\3\4"),
    ("AF_INET6", b"\0\1\0\2\0\3\0\4\0\5\0\6\0\7\0\x08"),
]


@pytest.mark.parametrize("fam,v", NTOP, ids=["%s-%d" % (f, i) for i, (f, _) in enumerate(NTOP)])
def test_inet_ntop_differential(both, fam, v):
    res = [describe(m.inet_ntop, _fam(m, fam), v) for m in both]
    assert res[0] == res[1]


def test_inet_ntop_values(mod):
    assert mod.inet_ntop(mod.AF_INET, b"\x7f\0\0\1") == "127.0.0.1"
    assert mod.inet_ntop(mod.AF_INET6, bytes(15) + b"\1") == "::1"
    with pytest.raises(ValueError):
        mod.inet_ntop(mod.AF_INET, b"\1\2\3")
    with pytest.raises(ValueError):
        mod.inet_ntop(mod.AF_INET6, bytes(15))


@pytest.mark.parametrize("fam", ["AF_INET", "AF_INET6"])
def test_pton_ntop_roundtrip(mod, fam):
    f = getattr(mod, fam)
    samples = ["127.0.0.1", "10.0.0.255"] if fam == "AF_INET" else ["::1", "fe80::1", "::ffff:127.0.0.1"]
    for a in samples:
        assert mod.inet_ntop(f, mod.inet_pton(f, a)) == a
