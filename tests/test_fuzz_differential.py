"""The differential fuzzer (tests/fuzzcases.py) from a fixed seed: a few
thousand random calls through the stdlib and pysock on equivalent sockets,
with the same result, exception type and errno expected from both. `nox -s
fuzz` runs the same cases by the million from a random seed.

Below it, the differences the fuzzer found, each pinned as a regression
test through both modules."""
import gc
import warnings

import pytest

import fuzzcases
from fuzzcases import BadIndex, Index
from sockutil import HAS_UNIX, IS_WINDOWS

SEED = 20261201
# Under Wine a call costs a hundred times more: fewer there, from the same seed.
CALLS = 400 if IS_WINDOWS else 3000


@pytest.fixture
def tmpdir_short():
    import shutil

    d = fuzzcases.new_tmpdir()
    yield d
    shutil.rmtree(d, ignore_errors=True)


def test_fuzz_fixed_seed(both, tmpdir_short):
    reports = []
    calls = case = 0
    while calls < CALLS:
        report = fuzzcases.compare_case(both, SEED, case, tmpdir_short)
        if report:
            reports.append(report + "\n  replay: python tools/fuzz.py --seed %d --case %d" % (SEED, case))
        calls += len(fuzzcases.plan(fuzzcases.case_seed(SEED, case))[2])
        case += 1
    assert not reports, "\n".join(reports[:20])


def outcome(fn):
    try:
        return ("ok", fn())
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, getattr(e, "errno", None), str(e))


def differential(both, call, make=lambda m: m.socket()):
    """call(m, s) on a fresh socket of each module: the outcomes (type, errno, message)."""
    out = []
    for m in both:
        s = make(m)
        try:
            out.append(outcome(lambda: call(m, s)))
        finally:
            s.close()
    return out


REGRESSIONS = [
    ("setblocking(-1)", lambda m, s: s.setblocking(-1)),
    ("setblocking(9223372037)", lambda m, s: s.setblocking(9223372037)),
    ("setblocking(2**64)", lambda m, s: s.setblocking(2**64)),
    ("set_inheritable(-1)", lambda m, s: s.set_inheritable(-1)),
    ("set_inheritable(2**31)", lambda m, s: s.set_inheritable(2**31)),
    ("set_inheritable(1.5)", lambda m, s: s.set_inheritable(1.5)),
    ("send(None, 2**31)", lambda m, s: s.send(None, 2**31)),
    ("sendall(None, 2**31)", lambda m, s: s.sendall(None, 2**31)),
    ("sendto(None, 2**31, addr)", lambda m, s: s.sendto(None, 2**31, ("127.0.0.1", 9))),
    ("recv(-1, 1.0)", lambda m, s: s.recv(-1, 1.0)),
    ("recvfrom(-1, 2**32)", lambda m, s: s.recvfrom(-1, 2**32)),
    ("recv_into(b'ro', nbytes=-1)", lambda m, s: s.recv_into(b"ro", nbytes=-1)),
    ("recv_into(None, nbytes=2**63)", lambda m, s: s.recv_into(None, nbytes=2**63)),
    ("recvfrom_into(b'ro', -1)", lambda m, s: s.recvfrom_into(b"ro", -1)),
    ("bind lone surrogate", lambda m, s: s.bind(("\udc80", 0))),
    ("connect surrogate after ASCII", lambda m, s: s.connect(("127.0.0.1\udcff", 1))),
    ("create_server lone surrogate", lambda m, s: m.create_server(("\udc80", 0))),
    ("setsockopt __index__ value", lambda m, s: s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, Index(1))),
    ("setsockopt __index__ value beyond int", lambda m, s: s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, Index(2**40))),
    ("setsockopt __index__ raising", lambda m, s: s.setsockopt(m.SOL_SOCKET, m.SO_REUSEADDR, BadIndex())),
    ("socket(fileno=2**31)", lambda m, s: m.socket(fileno=2**31)),
    ("socket(fileno=-2**31-1)", lambda m, s: m.socket(fileno=-2**31 - 1)),
    ("socket(fileno=2**64)", lambda m, s: m.socket(fileno=2**64)),
    ("SocketType has no get_inheritable", lambda m, s: (hasattr(m.SocketType, "get_inheritable"), hasattr(m.SocketType, "set_inheritable"))),
]


@pytest.mark.parametrize("call", [c for _, c in REGRESSIONS], ids=[n for n, _ in REGRESSIONS])
def test_argument_handling_differential(both, call):
    a, b = differential(both, call)
    assert a == b


def test_get_set_inheritable_on_closed_socket_differential(both):
    def call(m, s):
        s.close()
        return outcome(s.get_inheritable), outcome(lambda: s.set_inheritable(True))
    a, b = differential(both, call)
    assert a == b


@pytest.mark.skipif(not HAS_UNIX, reason="AF_UNIX not available")
def test_nul_in_unix_path_is_the_documented_difference(both, tmpdir_short):
    """The one deliberate difference: pysock refuses the path; the stdlib
    binds a shorter one (the kernel stops at the NUL)."""
    import os

    path = os.path.join(tmpdir_short, "a\0b")
    std, pysock = both
    with pysock.socket(pysock.AF_UNIX) as s:
        with pytest.raises(ValueError):
            s.bind(path)
    with std.socket(std.AF_UNIX) as s:
        s.bind(path)
        assert s.getsockname() == os.path.join(tmpdir_short, "a")


def test_unclosed_base_type_warns_differential(both):
    seen = []
    for m in both:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            s = m.SocketType()
            del s
            gc.collect()
        seen.append([x.category for x in w])
        del w  # the record held the socket: it is closed and freed now
        gc.collect()
    assert seen[0] == seen[1] == [ResourceWarning]
